use super::*;

fn matches(pattern: &str, subject: &str) -> bool {
    Pattern::parse(pattern)
        .unwrap_or_else(|e| panic!("{pattern}: {e}"))
        .is_match(subject)
}

fn unsupported(pattern: &str) -> UnsupportedConstruct {
    match Pattern::parse(pattern) {
        Err(PatternError::Unsupported { construct, .. }) => construct,
        other => panic!("{pattern}: expected an unsupported construct, got {other:?}"),
    }
}

fn syntax(pattern: &str) -> SyntaxError {
    match Pattern::parse(pattern) {
        Err(PatternError::Syntax { reason, .. }) => reason,
        other => panic!("{pattern}: expected a syntax error, got {other:?}"),
    }
}

#[test]
fn caseless_anchored_prefix_matches_like_preg_match() {
    assert!(matches("/^urgent/i", "URGENT: printer on fire"));
    assert!(!matches("/^urgent/i", "not urgent"));
    assert!(!matches("/Urgent/", "urgent"));
}

#[test]
fn any_punctuation_delimiter_works() {
    assert!(matches("#a/b#", "a/b"));
    assert!(matches("~x~", "x"));
    assert!(matches("{a{2}}", "aa"));
    assert!(matches("(a(b))", "ab"));
}

#[test]
fn without_u_the_pattern_and_subject_are_bytes() {
    // PCRE applies + to the last byte of é when `u` is absent.
    assert!(!matches("/^é+$/", "éé"));
    assert!(matches("/^é+$/u", "éé"));
    assert!(!matches("/^.$/", "é"));
    assert!(matches("/^..$/", "é"));
    assert!(matches("/^.$/u", "é"));
}

#[test]
fn without_u_case_folding_is_ascii_only() {
    assert!(!matches("/É/i", "é"));
    assert!(matches("/É/iu", "é"));
}

#[test]
fn u_turns_on_unicode_classes() {
    assert!(!matches(r"/^\w+$/", "café"));
    assert!(matches(r"/^\w+$/u", "café"));
    assert!(!matches(r"/\d/", "٣"));
    assert!(matches(r"/\d/u", "٣"));
    assert!(matches(r"/\s/u", "\u{3000}"));
    assert!(matches(r"/\s/", "\x0B"));
}

#[test]
fn class_escapes_ignore_caseless_like_pcre() {
    assert!(!matches(r"/\p{Lu}/iu", "a"));
    assert!(matches(r"/\p{Lu}/iu", "A"));
    assert!(matches(r"/\w/iu", "a"));
}

#[test]
fn dollar_and_multiline_follow_pcre() {
    assert!(matches("/foo$/", "foo"));
    assert!(!matches("/foo$/", "foo bar"));
    assert!(matches("/^bar$/m", "foo\nbar\nbaz"));
    assert!(!matches("/^bar$/", "foo\nbar\nbaz"));
    assert!(matches("/foo$/D", "foo"));
}

#[test]
fn dot_all_lets_dot_cross_newlines() {
    assert!(!matches("/a.b/", "a\nb"));
    assert!(matches("/a.b/s", "a\nb"));
}

#[test]
fn extended_mode_skips_blanks_and_comments_but_not_inside_classes() {
    assert!(matches("/a b c # trailing comment\n/x", "abc"));
    assert!(matches("/[ ]/x", " "));
    assert!(matches("/(?x) a b /", "ab"));
    assert!(!matches("/(?xx)[a b]/", " "));
    assert!(matches("/(?xx)[a b]/", "b"));
}

#[test]
fn anchored_modifier_pins_the_match_to_the_start() {
    assert!(!matches("/bar/A", "foobar"));
    assert!(matches("/bar/A", "barfoo"));
    assert!(matches("/b|c/A", "cat"));
}

#[test]
fn ungreedy_modifier_is_passed_to_the_engine() {
    let p = Pattern::parse("/a+b/U").unwrap();
    assert!(p.translated().contains("(?U)"));
    assert!(p.is_match("aab"));
}

#[test]
fn inline_options_are_scoped_like_pcre() {
    assert!(matches("/a(?i)b/", "aB"));
    assert!(!matches("/a(?i)b/", "AB"));
    assert!(matches("/(?i:b)c/", "Bc"));
    assert!(!matches("/(?i:b)c/", "BC"));
    assert!(matches("/(?i)a(?^)b/", "Ab"));
    assert!(!matches("/(?i)a(?^)b/", "AB"));
    assert!(matches("/(a(?i)b)c/", "aBc"));
    assert!(!matches("/(a(?i)b)c/", "aBC"));
    assert!(matches("/(?i-i)a/", "a"));
    // An option set in one alternative carries into the next ones.
    assert!(matches("/^(a(?i)b|c)$/", "C"));
    assert!(matches("/^a(?i)b|c$/", "C"));
    assert!(!matches("/^(?:c|a(?i)b)$/", "C"));
}

#[test]
fn character_escapes_produce_their_characters() {
    assert!(matches(r"/\x41/", "A"));
    assert!(matches(r"/\x{263A}/u", "☺"));
    assert!(matches(r"/\101/", "A"));
    assert!(matches(r"/\o{101}/", "A"));
    assert!(matches(r"/\cA/", "\x01"));
    assert!(matches(r"/\t\n/", "\t\n"));
    assert!(matches(r"/\N{U+263A}/u", "☺"));
    assert!(matches(r"/a\.b/", "a.b"));
    assert!(!matches(r"/a\.b/", "axb"));
}

#[test]
fn code_points_must_fit_the_mode() {
    assert_eq!(
        syntax(r"/\x{263A}/"),
        SyntaxError::CodePointTooLarge(0x263A)
    );
    assert_eq!(
        syntax(r"/\x{D800}/u"),
        SyntaxError::InvalidCodePoint(0xD800)
    );
}

#[test]
fn backreferences_are_refused() {
    assert_eq!(unsupported(r"/(a)\1/"), UnsupportedConstruct::Backreference);
    assert_eq!(
        unsupported(r"/(?<n>a)\k<n>/"),
        UnsupportedConstruct::Backreference
    );
    assert_eq!(
        unsupported(r"/(?P<n>a)(?P=n)/"),
        UnsupportedConstruct::Backreference
    );
    assert_eq!(
        unsupported(r"/(a)\g{1}/"),
        UnsupportedConstruct::Backreference
    );
    assert_eq!(
        unsupported(r"/(a)\g-1/"),
        UnsupportedConstruct::Backreference
    );
}

#[test]
fn lookaround_is_refused_with_its_kind() {
    assert_eq!(
        unsupported("/foo(?=bar)/"),
        UnsupportedConstruct::LookaheadAssertion
    );
    assert_eq!(
        unsupported("/foo(?!bar)/"),
        UnsupportedConstruct::LookaheadAssertion
    );
    assert_eq!(
        unsupported("/(?<=a)b/"),
        UnsupportedConstruct::LookbehindAssertion
    );
    assert_eq!(
        unsupported("/(?<!a)b/"),
        UnsupportedConstruct::LookbehindAssertion
    );
}

#[test]
fn backtracking_only_constructs_are_refused() {
    assert_eq!(unsupported("/(?>a+)b/"), UnsupportedConstruct::AtomicGroup);
    assert_eq!(
        unsupported("/a++b/"),
        UnsupportedConstruct::PossessiveQuantifier
    );
    assert_eq!(
        unsupported("/a{2}+/"),
        UnsupportedConstruct::PossessiveQuantifier
    );
    assert_eq!(
        unsupported("/(a)(?(1)b|c)/"),
        UnsupportedConstruct::ConditionalGroup
    );
    assert_eq!(
        unsupported("/a(?R)?/"),
        UnsupportedConstruct::SubroutineCall
    );
    assert_eq!(
        unsupported("/(a)(?1)/"),
        UnsupportedConstruct::SubroutineCall
    );
    assert_eq!(
        unsupported("/(a)(?-1)/"),
        UnsupportedConstruct::SubroutineCall
    );
    assert_eq!(
        unsupported("/(?<n>a)(?&n)/"),
        UnsupportedConstruct::SubroutineCall
    );
    assert_eq!(
        unsupported(r"/(a)\g<1>/"),
        UnsupportedConstruct::SubroutineCall
    );
    assert_eq!(
        unsupported("/(*FAIL)/"),
        UnsupportedConstruct::BacktrackingVerb
    );
    assert_eq!(unsupported("/(?C1)a/"), UnsupportedConstruct::Callout);
    assert_eq!(unsupported(r"/a\R/"), UnsupportedConstruct::NewlineSequence);
    assert_eq!(unsupported(r"/\X/u"), UnsupportedConstruct::GraphemeCluster);
    assert_eq!(unsupported(r"/\C/"), UnsupportedConstruct::SingleCodeUnit);
}

#[test]
fn quantifier_stacking_is_refused_but_grouping_works() {
    assert_eq!(unsupported("/a**/"), UnsupportedConstruct::NestedQuantifier);
    assert_eq!(
        unsupported("/a{2}{3}/"),
        UnsupportedConstruct::NestedQuantifier
    );
    assert_eq!(
        unsupported("/^*a/"),
        UnsupportedConstruct::RepeatedAssertion
    );
    assert!(matches("/^(?:a{2}){3}$/", "aaaaaa"));
    assert!(matches("/^a*?b$/", "aab"));
}

#[test]
fn structural_faults_are_syntax_errors() {
    assert_eq!(syntax("/a(/"), SyntaxError::MissingClosingParenthesis);
    assert_eq!(syntax("/a)/"), SyntaxError::UnmatchedClosingParenthesis);
    assert_eq!(syntax("/[a/"), SyntaxError::UnterminatedClass);
    assert_eq!(syntax("/*a/"), SyntaxError::NothingToRepeat);
    assert_eq!(syntax("/a|*/"), SyntaxError::NothingToRepeat);
    assert_eq!(
        syntax("/a{3,2}/"),
        SyntaxError::QuantifierOutOfOrder { min: 3, max: 2 }
    );
    assert_eq!(syntax("/a{70000}/"), SyntaxError::QuantifierTooLarge);
    assert_eq!(syntax("/[z-a]/"), SyntaxError::RangeOutOfOrder);
    assert_eq!(syntax(r"/[\d-z]/"), SyntaxError::InvalidRange);
    assert_eq!(syntax(r"/[a-\d]/"), SyntaxError::InvalidRange);
    assert_eq!(syntax(r"/\y/"), SyntaxError::UnrecognizedEscape('y'));
    assert_eq!(syntax(r"/\u0041/"), SyntaxError::UnrecognizedEscape('u'));
    assert_eq!(syntax(r"/[\B]/"), SyntaxError::EscapeInvalidInClass('B'));
    assert_eq!(syntax("/(?#open/"), SyntaxError::UnterminatedComment);
    assert_eq!(syntax("/(?z)/"), SyntaxError::UnknownInlineOption('z'));
    assert_eq!(syntax("/(?<1a>x)/"), SyntaxError::BadGroupName);
    assert_eq!(syntax(r"/\o12/"), SyntaxError::MalformedEscape('o'));
}

#[test]
fn syntax_errors_point_at_the_offending_offset() {
    assert_eq!(
        Pattern::parse("/ab)/").unwrap_err(),
        PatternError::Syntax {
            offset: 3,
            reason: SyntaxError::UnmatchedClosingParenthesis
        }
    );
}

#[test]
fn a_lone_trailing_backslash_is_reported() {
    let units = [Unit {
        value: u32::from(b'\\'),
        offset: 1,
    }];
    assert_eq!(
        translate::translate(&units, 2, &Modifiers::default())
            .map(|t| t.pattern)
            .unwrap_err(),
        PatternError::Syntax {
            offset: 1,
            reason: SyntaxError::TrailingBackslash
        }
    );
}

#[test]
fn brackets_follow_pcre_class_rules() {
    assert!(matches("/[]a]/", "]"));
    assert!(matches("/[^]a]/", "b"));
    assert!(!matches("/[^]a]/", "]"));
    assert!(matches("/[a-]/", "-"));
    assert!(matches(r"/^[\w.-]+@/", "first.last-x@example.com"));
    assert!(matches("/[[]/", "["));
    assert!(matches("/[a&&b]/", "&"));
    assert!(matches("/[~^]/", "^"));
    assert!(matches(r"/[\Qa-z\E]/", "-"));
    assert!(!matches(r"/[\Qa-z\E]/", "m"));
    assert!(matches(r"/[\b]/", "\x08"));
    assert!(matches(r"/[\1]/", "\x01"));
}

#[test]
fn posix_classes_follow_the_mode() {
    assert!(matches("/^[[:alpha:]]+$/", "abc"));
    assert!(!matches("/^[[:alpha:]]+$/", "café"));
    assert!(matches("/^[[:alpha:]]+$/u", "café"));
    assert!(matches("/[[:^digit:]]/", "a"));
    assert!(!matches("/[[:^digit:]]/", "1"));
    assert!(matches("/[[:upper:]]/i", "a"));
    assert!(matches("/[[:^upper:]]/i", "1"));
    assert!(!matches("/[[:^upper:]]/i", "a"));
    assert!(matches("/[[:punct:]]/u", "!"));
    assert_eq!(
        unsupported("/[[:graph:]]/u"),
        UnsupportedConstruct::PosixClassUnderUtf("graph")
    );
    assert_eq!(
        syntax("/[[:foo:]]/"),
        SyntaxError::UnknownPosixClass("foo".to_owned())
    );
    assert_eq!(syntax("/[[.a.]]/"), SyntaxError::PosixCollatingElement);
}

#[test]
fn spencer_word_boundaries_are_word_start_and_end() {
    assert!(matches("/[[:<:]]foo/", "a foo"));
    assert!(!matches("/[[:<:]]foo/", "afoo"));
    assert!(matches("/foo[[:>:]]/", "foo bar"));
    assert!(!matches("/foo[[:>:]]/", "foobar"));
}

#[test]
fn unicode_properties_need_u_and_a_known_name() {
    assert!(matches(r"/\p{Greek}/u", "α"));
    assert!(matches(r"/\pL/u", "x"));
    assert!(matches(r"/\p{^L}/u", "1"));
    assert!(matches(r"/\P{L}/u", "1"));
    assert!(matches(r"/^\p{Xan}+$/u", "ab12"));
    assert!(matches(r"/\p{L&}/u", "a"));
    assert_eq!(
        unsupported(r"/\p{L}/"),
        UnsupportedConstruct::PropertyWithoutUtf
    );
    assert_eq!(
        unsupported(r"/[\p{Lu}]/iu"),
        UnsupportedConstruct::CasedPropertyInCaselessClass(r"\p{Lu}".to_owned())
    );
    assert_eq!(
        unsupported(r"/[\p{Lowercase_Letter}]/iu"),
        UnsupportedConstruct::CasedPropertyInCaselessClass(r"\p{Lowercase_Letter}".to_owned())
    );
    assert!(matches(r"/[\p{Greek}]/iu", "Ω"));
    assert!(matches!(
        Pattern::parse(r"/\p{Nope}/u"),
        Err(PatternError::Engine { .. })
    ));
}

#[test]
fn quoting_makes_metacharacters_literal() {
    assert!(matches(r"/\Qa.b\E/", "a.b"));
    assert!(!matches(r"/\Qa.b\E/", "axb"));
    assert!(matches(r"/^\Qab\E+$/", "abbb"));
    assert!(matches(r"/\Qa(b/", "a(b"));
}

#[test]
fn comments_groups_and_reset_are_transparent() {
    assert!(matches("/a(?#note)b/", "ab"));
    assert!(matches("/a(?#note)*b/", "aaab"));
    assert!(matches(r"/a\Kb/", "ab"));
    assert!(matches(r"/(?<year>\d{4})-(?'month'\d\d)/", "2024-05"));
    assert!(matches("/(?|a|b)c/", "bc"));
}

#[test]
fn duplicate_group_names_need_the_j_option() {
    assert_eq!(
        syntax("/(?<a>x)|(?<a>y)/"),
        SyntaxError::DuplicateGroupName("a".to_owned())
    );
    assert!(matches("/(?<a>x)|(?<a>y)/J", "y"));
}

#[test]
fn braces_that_are_not_quantifiers_are_literals() {
    assert!(matches("/a{/", "a{"));
    assert!(matches("/a{,3}/", "a{,3}"));
    assert!(matches("/a{x}/", "a{x}"));
    assert!(matches("/^a{2,}$/", "aaa"));
}

#[test]
fn word_boundaries_and_anchors_translate() {
    assert!(matches(r"/\burgent\b/i", "very urgent!"));
    assert!(!matches(r"/\burgent\b/i", "urgently"));
    assert!(matches(r"/\Afoo/", "foobar"));
    assert!(matches(r"/bar\z/", "foobar"));
    assert!(matches(r"/bar\Z/", "foobar"));
    assert!(matches(r"/\Gfoo/", "foobar"));
}

#[test]
fn horizontal_vertical_and_non_newline_escapes() {
    assert!(matches(r"/a\hb/", "a b"));
    assert!(matches(r"/a\vb/", "a\nb"));
    assert!(!matches(r"/a\Nb/", "a\nb"));
    assert!(matches(r"/a\Nb/", "axb"));
}

#[test]
fn a_non_ascii_delimiter_is_refused() {
    assert_eq!(
        Pattern::parse("§a§").unwrap_err(),
        PatternError::NonAsciiDelimiter('§')
    );
}

#[test]
fn huge_repetitions_are_refused_by_size() {
    assert!(matches!(
        Pattern::parse("/(?:a{1000}){1000}/"),
        Err(PatternError::TooLarge { .. })
    ));
}

#[test]
fn saving_a_bare_expression_wraps_it_caseless_and_unicode() {
    assert_eq!(
        Pattern::parse_for_save("urgent").unwrap().source(),
        "/urgent/iu"
    );
    assert_eq!(
        Pattern::parse_for_save("^urgent").unwrap().source(),
        "/^urgent/iu"
    );
    assert_eq!(Pattern::parse_for_save("  /x/i ").unwrap().source(), "/x/i");
}

#[test]
fn saving_reports_why_a_value_cannot_be_used() {
    assert!(matches!(
        Pattern::parse_for_save("foo(?=bar)"),
        Err(PatternError::Unsupported {
            construct: UnsupportedConstruct::LookaheadAssertion,
            ..
        })
    ));
    assert_eq!(
        Pattern::parse_for_save("(abc").unwrap_err(),
        PatternError::MissingEndDelimiter(')')
    );
    assert!(matches!(
        Pattern::parse_for_save("/a(/"),
        Err(PatternError::Syntax { .. })
    ));
}

#[test]
fn unicode_word_boundaries_keep_a_pattern_out_of_shared_searches() {
    assert!(Pattern::parse(r"/\burgent\b/i").unwrap().shares_search());
    assert!(!Pattern::parse(r"/\burgent\b/iu").unwrap().shares_search());
    assert!(!Pattern::parse("/[[:<:]]x/u").unwrap().shares_search());
    assert!(Pattern::parse("/urgent/iu").unwrap().shares_search());
}
