//! `canned_response`: ready-made replies agents insert into a response, and the
//! sample text file attached to the first one (`file`, `file_chunk`, `attachment`).
//!
//! The file keeps id 2, its id in osTicket, where file 1 is the "Powered by
//! osTicket" logo that this seed does not ship.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::NaiveDateTime;
use md5::{Digest as _, Md5};
use sea_orm::Value;
use sha1::{Digest as _, Sha1};

use super::SeedRow;

pub(super) struct CannedResponse {
    id: u32,
    title: &'static str,
    /// HTML; `%{...}` variables are filled from the ticket when the agent inserts it.
    response: &'static str,
}

pub(super) const RESPONSES: [CannedResponse; 2] = [
    CannedResponse {
        id: 1,
        title: "What is osTicket (sample)?",
        response: "osTicket is an open source help desk. It gathers the requests that\n\
                   arrive by e-mail, through the web portal or over its API into\n\
                   tickets, so that a team can route, answer and follow each one up\n\
                   from a single place.",
    },
    CannedResponse {
        id: 2,
        title: "Sample (with variables)",
        response: "Hello %{ticket.name.first},\n\
                   <br>\n\
                   <br>\n\
                   We opened ticket #%{ticket.number} for you on %{ticket.create_date};\n\
                   the %{ticket.dept.name} department is taking care of it.",
    },
];

impl SeedRow<9> for CannedResponse {
    const TABLE: &'static str = "canned_response";
    const COLUMNS: [&'static str; 9] = [
        "canned_id",
        "dept_id",
        "isenabled",
        "title",
        "response",
        "lang",
        "notes",
        "created",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("canned_id");

    fn values(&self, now: NaiveDateTime) -> [Value; 9] {
        [
            self.id.into(),
            // Offered in every department.
            0_u32.into(),
            1_u32.into(),
            self.title.into(),
            self.response.into(),
            "en_US".into(),
            Option::<&str>::None.into(),
            now.into(),
            now.into(),
        ]
    }
}

const SAMPLE_FILE_ID: u32 = 2;
const SAMPLE_FILE_NAME: &str = "osTicket.txt";
const SAMPLE_FILE_TEXT: &str = "Canned responses can carry attachments, too.";

/// A file stored in the database (`bk` `D`), its content in one `file_chunk`.
pub(super) struct StoredFile {
    id: u32,
    name: &'static str,
    mime_type: &'static str,
    data: &'static [u8],
    key: String,
    signature: String,
    created: NaiveDateTime,
}

/// The text file attached to canned response 1. `created` also seeds the unique
/// part of its key, as osTicket's clock does.
pub(super) fn sample_file(created: NaiveDateTime) -> StoredFile {
    let data = SAMPLE_FILE_TEXT.as_bytes();
    let (key, signature) = key_and_signature(data, &created.to_string());
    StoredFile {
        id: SAMPLE_FILE_ID,
        name: SAMPLE_FILE_NAME,
        mime_type: "text/plain",
        data,
        key,
        signature,
        created,
    }
}

/// osTicket's `AttachmentFile::_getKeyAndHash()`. The signature identifies the
/// content (osTicket de-duplicates uploads by signature and size): the first 16
/// characters of the base64 SHA-1 and of the base64 MD5. The key, which download
/// links carry, is 5 characters derived from `uniqueness` followed by the base64
/// SHA-1. Both drop `=` and use `-` and `_` for `+` and `/`.
fn key_and_signature(data: &[u8], uniqueness: &str) -> (String, String) {
    let sha1 = STANDARD.encode(Sha1::digest(data));
    let md5 = STANDARD.encode(Md5::digest(data));
    let prefix = STANDARD.encode(Sha1::digest(uniqueness.as_bytes()));
    let key = url_safe(&format!("{}{sha1}", &prefix[..5]));
    let signature = url_safe(&format!("{}{}", &sha1[..16], &md5[..16]));
    (key, signature)
}

fn url_safe(base64: &str) -> String {
    base64
        .chars()
        .filter(|&c| c != '=')
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            other => other,
        })
        .collect()
}

impl StoredFile {
    pub(super) fn chunk(&self) -> FileChunk {
        FileChunk {
            file_id: self.id,
            data: self.data,
        }
    }
}

impl SeedRow<10> for StoredFile {
    const TABLE: &'static str = "file";
    const COLUMNS: [&'static str; 10] = [
        "id",
        "ft",
        "bk",
        "type",
        "size",
        "key",
        "signature",
        "name",
        "attrs",
        "created",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, _now: NaiveDateTime) -> [Value; 10] {
        [
            self.id.into(),
            // An attachment (`T`), kept in the database backend (`D`).
            "T".into(),
            "D".into(),
            self.mime_type.into(),
            (self.data.len() as u64).into(),
            self.key.as_str().into(),
            self.signature.as_str().into(),
            self.name.into(),
            Option::<&str>::None.into(),
            self.created.into(),
        ]
    }
}

pub(super) struct FileChunk {
    file_id: u32,
    data: &'static [u8],
}

impl SeedRow<3> for FileChunk {
    const TABLE: &'static str = "file_chunk";
    const COLUMNS: [&'static str; 3] = ["file_id", "chunk_id", "filedata"];
    const SERIAL: Option<&'static str> = None;

    fn values(&self, _now: NaiveDateTime) -> [Value; 3] {
        [self.file_id.into(), 0_u32.into(), self.data.to_vec().into()]
    }
}

pub(super) struct Attachment {
    id: u32,
    object_id: u32,
    /// `C` canned response (`T` e-mail template, `H` thread entry, ...).
    object_type: &'static str,
    file_id: u32,
}

pub(super) const ATTACHMENTS: [Attachment; 1] = [Attachment {
    id: 1,
    object_id: 1,
    object_type: "C",
    file_id: SAMPLE_FILE_ID,
}];

impl SeedRow<7> for Attachment {
    const TABLE: &'static str = "attachment";
    const COLUMNS: [&'static str; 7] = [
        "id",
        "object_id",
        "type",
        "file_id",
        "name",
        "inline",
        "lang",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, _now: NaiveDateTime) -> [Value; 7] {
        [
            self.id.into(),
            self.object_id.into(),
            self.object_type.into(),
            self.file_id.into(),
            // The file's own name is shown.
            Option::<&str>::None.into(),
            // Listed as an attachment, not embedded in the HTML.
            0_u32.into(),
            Option::<&str>::None.into(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_the_one_osticket_computed_for_the_same_content() {
        // osTicket 1.18.1 stored this signature for its 24-byte sample attachment.
        let (_, signature) = key_and_signature(b"Canned Attachments Rock!", "");
        assert_eq!(signature, "MWtx86n3ccfeGGNafaacpitTxmJ4h3Ls");
    }

    #[test]
    fn key_is_five_characters_of_uniqueness_then_the_content_hash() {
        let (first, _) = key_and_signature(b"Canned Attachments Rock!", "2026-11-21 23:32:11");
        let (second, _) = key_and_signature(b"Canned Attachments Rock!", "2026-11-21 23:32:12");
        assert_eq!(&first[5..], "MWtx86n3ccfeGGNagoRoTDtol7o");
        assert_ne!(first[..5], second[..5]);
    }
}
