//! The KEC document's sample fixtures are whole and consistent: `tests/fixtures/ksyun/samples/`
//! holds exactly the response texts `sample-wire.json` lists (each response, and each
//! continuation that a page break separated from it), named after their line and action, in
//! the format they say; the responses the document heads "Sample Request (返回)" are there, and
//! the common chapter's four examples (success and error, XML and JSON).
//!
//! Both are made by `tests/fixtures/ksyun/extract_samples.py` from the document. Whether each
//! response decodes through the client with no field lost, and each request is reproduced by
//! value, is `ksyun_sample_requests.rs`.

use std::collections::BTreeSet;

use yun_tests::ksyun_samples::SampleWire;

fn wire() -> SampleWire {
    yun_tests::ksyun_samples::load()
}

#[test]
fn the_samples_folder_is_exactly_what_the_index_lists() {
    let wire = wire();
    assert_eq!(wire.document, "003_82dd991f180413ac.txt");
    let mut listed = BTreeSet::new();
    for r in &wire.responses {
        assert!(listed.insert(r.file.clone()), "{} listed twice", r.file);
        assert_eq!(r.file, format!("samples/{}-{}.{}", r.line, r.action, r.format), "{}", r.id);
        assert_eq!(r.id, format!("{}@{}", r.action, r.line));
        assert!(r.heading_line < r.line, "{}: the heading comes first", r.id);
        assert!(r.heading.contains("返回"), "{}: a response heading", r.id);
        for c in &r.continuations {
            assert!(c.line > r.line, "{}: a continuation follows its response", r.id);
            assert!(listed.insert(c.file.clone()), "{} listed twice", c.file);
        }
    }
    for c in &wire.common_responses {
        assert_eq!(c.file, format!("samples/{}-common-{}.{}", c.line, c.outcome, c.format));
        assert!(listed.insert(c.file.clone()), "{} listed twice", c.file);
    }
    let dir = yun_tests::fixture("ksyun/samples");
    let on_disk: BTreeSet<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| format!("samples/{}", e.unwrap().file_name().into_string().unwrap())).collect();
    assert_eq!(on_disk, listed, "files in samples/ and files the index lists");
}

#[test]
fn every_response_of_the_document_is_there_including_the_mislabeled_ones() {
    let wire = wire();
    let count = |section: &str| wire.responses.iter().filter(|r| r.section == section).count();
    assert_eq!((count("main"), count("0913"), count("0530")), (53, 16, 16));
    let mislabeled: Vec<&str> = wire.responses.iter().filter(|r| r.mislabeled).map(|r| r.id.as_str()).collect();
    assert_eq!(mislabeled, ["DescribeInstanceTypeConfigs@1837", "DescribeImageSharePermission@4509"]);
    let xml = wire.responses.iter().filter(|r| r.format == "xml").count();
    assert_eq!(xml, 33, "the main body's DescribeNetworkInterfaces and the 32 legacy responses are XML");
    for action in ["MonitorInstances", "UnmonitorInstances", "DescribeInstanceVnc"] {
        assert!(wire.responses.iter().any(|r| r.action == action), "{action}: a legacy response");
    }
    assert_eq!(wire.requests.len(), 86);
    let common: Vec<(&str, &str)> = wire.common_responses.iter().map(|c| (c.outcome.as_str(), c.format.as_str())).collect();
    assert_eq!(common, [("success", "xml"), ("success", "json"), ("error", "xml"), ("error", "json")], "the common chapter's examples");
}
