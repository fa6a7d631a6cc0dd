//! The KEC document's samples as `tests/fixtures/ksyun/sample-wire.json` holds them (made by
//! `tests/fixtures/ksyun/extract_samples.py`): every sample request by value, every sample
//! response (mislabeled ones included) and the common chapter's answers, each with its line.

use serde::Deserialize;

/// The whole fixture.
#[derive(Debug, Deserialize)]
pub struct SampleWire {
    /// The document the samples come from (file name under `shared/seeds/`).
    pub document: String,
    /// Sample requests, in document order.
    pub requests: Vec<Request>,
    /// Sample responses, in document order.
    pub responses: Vec<Response>,
    /// The common chapter's success and error examples.
    pub common_responses: Vec<CommonResponse>,
}

/// One sample request.
#[derive(Debug, Deserialize, Clone)]
pub struct Request {
    /// `Action@line`.
    pub id: String,
    /// The action the sample calls, as the document prints it.
    pub action: String,
    /// `main`, `0913` or `0530`.
    pub section: String,
    /// Line of the URL.
    pub line: usize,
    /// Host as printed.
    pub host: Option<String>,
    /// Path as printed.
    pub path: Option<String>,
    /// Every parameter by value, in order (the signature's own left out).
    pub params: Vec<Param>,
    /// Set when the sample is a fragment of a request (e.g. cut by a page break).
    #[serde(default)]
    pub fragment: Option<String>,
}

/// One parameter of a sample request.
#[derive(Debug, Deserialize, Clone)]
pub struct Param {
    /// Name with its indices (`InstanceId.1`).
    pub name: String,
    /// Value, decoded.
    pub value: String,
}

/// One sample response.
#[derive(Debug, Deserialize)]
pub struct Response {
    /// `Action@line`.
    pub id: String,
    /// The action it answers.
    pub action: String,
    /// `main`, `0913` or `0530`.
    pub section: String,
    /// First line of the body.
    pub line: usize,
    /// Line of the heading above it.
    pub heading_line: usize,
    /// The heading as printed ("Sample Response（返回）", or a mislabeled "Sample Request").
    pub heading: String,
    /// The heading calls it a request.
    pub mislabeled: bool,
    /// `json` or `xml`.
    pub format: String,
    /// File under `tests/fixtures/ksyun/samples/`.
    pub file: String,
    /// Pieces of the same sample after a page break.
    #[serde(default)]
    pub continuations: Vec<Continuation>,
}

/// A piece of a sample response printed after a page break.
#[derive(Debug, Deserialize)]
pub struct Continuation {
    /// First line of the piece.
    pub line: usize,
    /// File under `tests/fixtures/ksyun/samples/`.
    pub file: String,
}

/// One of the common chapter's example answers.
#[derive(Debug, Deserialize)]
pub struct CommonResponse {
    /// Identifier in the fixture.
    pub id: String,
    /// `success` or `failure`.
    pub outcome: String,
    /// `json` or `xml`.
    pub format: String,
    /// Line of the example.
    pub line: usize,
    /// File under `tests/fixtures/ksyun/samples/`.
    pub file: String,
}

/// Reads the fixture.
pub fn load() -> SampleWire {
    let text = std::fs::read_to_string(crate::fixture("ksyun/sample-wire.json")).expect("tests/fixtures/ksyun/sample-wire.json");
    serde_json::from_str(&text).expect("sample-wire.json matches its schema")
}
