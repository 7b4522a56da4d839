//! What a login and an authenticated request cost: verifying a bcrypt
//! password at osTicket's cost (8) and Oxticket's default (10), and
//! verifying an access token.

use chrono::{DateTime, TimeDelta};
use criterion::{Criterion, criterion_group, criterion_main};
use oxt_identity::{AccessTokens, JwtConfig, PasswordHash, Subject, TokenTtl};
use oxt_ticket::ids::StaffId;
use secrecy::SecretString;
use std::hint::black_box;

const PASSWORD: &str = "correct horse battery staple";

/// Fixed hashes of `PASSWORD` (glibc/libxcrypt `crypt()` output).
const BCRYPT_COST_8: &str = "$2y$08$Oxticket.bench.salts.e692Ouwa7hhe3q7F6dvi9lPorsG1GmP2";
const BCRYPT_COST_10: &str = "$2y$10$Oxticket.bench.salts.e5xYIY7QZvECx7Zq0sG18SgKeU9ZpcO6";

fn bcrypt_verify(c: &mut Criterion) {
    let mut group = c.benchmark_group("password_verify");
    group.sample_size(20);
    for (name, stored) in [
        ("bcrypt_cost_8", BCRYPT_COST_8),
        ("bcrypt_cost_10", BCRYPT_COST_10),
    ] {
        let hash = PasswordHash::parse(stored).expect("bench hash parses");
        assert!(hash.verify(PASSWORD), "bench hash matches its password");
        group.bench_function(name, |b| b.iter(|| hash.verify(black_box(PASSWORD))));
    }
    group.finish();
}

fn jwt_verify(c: &mut Criterion) {
    let tokens = AccessTokens::try_from(&JwtConfig {
        secret: SecretString::from("bench secret bench secret bench secret"),
        issuer: "https://help.example.test".to_owned(),
        access_ttl_secs: TokenTtl::ACCESS_DEFAULT,
    })
    .expect("bench config is valid");
    let issued_at = DateTime::from_timestamp(1_800_000_000, 0).expect("fixed instant");
    let issued = tokens.issue_access_token(Subject::Staff(StaffId::new(12)), issued_at);
    let now = issued_at + TimeDelta::minutes(5);

    c.bench_function("access_token_verify", |b| {
        b.iter(|| tokens.verify_access_token(black_box(&issued.token), now))
    });
}

criterion_group!(benches, bcrypt_verify, jwt_verify);
criterion_main!(benches);
