//! The specs' `at_least_one_of` groups against the official SDKs' request models: for every
//! operation of a spec whose SDK facts we extract, the spec's groups are exactly the
//! unconditional groups the SDK states. The facts: Aliyun's
//! `tests/fixtures/aliyun/**/*-sdk-operations.json` (`extract_swas_sdk.py`'s `stated_groups`
//! reads the request models' "You must specify at least one of …" comments), JD Cloud's
//! `tests/fixtures/jdcloud/vm-sdk-operations.json` (`extract_vm_sdk.py`'s `stated_groups`, the
//! request docstrings' "…至少要传一项"). kingsoftcloud-sdk-python 1.5.8.114's KEC, VPC and SKS
//! models state none ("至少" and "at least one" appear in none of their docstrings); Inspur has no
//! SDK. A group the SDK does not state, in any spec, must be listed in `OTHER_EVIDENCE` with the
//! evidence it comes from instead; a sentence that names its parameters in words only (members
//! empty) on an operation a spec has must be read by hand (listed there too).
//!
//! The SDKs' "at least one of" is one phrasing of such requirements; the documents and SDKs
//! write others ("either … or", "二选一", "必须填写一个", "必须指定其中之一", "one of … must",
//! "不能同时"). `every_either_or_requirement_has_a_group_or_a_decision` reads all of them ([`PHRASES`]) in
//! every spec's source document (`tests/fixtures/documents/requirement-phrases.json`, extracted
//! by `extract_requirements.py`) and in every spec's `docs` (the documents' and SDKs' words as
//! transcribed): each must be met by an `at_least_one_of` or `one_of` group holding the member
//! it is written on (for a document line: a member citing a line near it), or by a `#` comment
//! quoting the phrase (for a document line, also its line number) that gives the evidence for
//! not enforcing it.

use std::collections::BTreeSet;

use serde_json::Value;
use yun_tests::spec_vs_sdk;

/// (spec, the SDK facts covering its operations).
const COVERED: &[(&str, &str)] = &[
    ("aliyun-ecs.yaml", "aliyun/ecs-sdk-operations.json"),
    ("aliyun-vpc.yaml", "aliyun/vpc/vpc-sdk-operations.json"),
    ("aliyun-swas.yaml", "aliyun/swas-sdk-operations.json"),
    ("aliyun-cms.yaml", "aliyun/cms-sdk-operations.json"),
    ("aliyun-sts.yaml", "aliyun/sts/sts-sdk-operations.json"),
    ("jdcloud-vm.yaml", "jdcloud/vm-sdk-operations.json"),
];

/// `(spec, operation, group)` a spec may hold though no extracted SDK model states it, with the
/// evidence. None today: every group comes from an SDK sentence.
const OTHER_EVIDENCE: &[(&str, &str, &[&str], &str)] = &[];

/// A group as a sorted set of wire names.
fn group<S: AsRef<str>>(names: &[S]) -> BTreeSet<String> {
    names.iter().map(|n| n.as_ref().to_owned()).collect()
}

fn allowed(spec: &str, op: &str, g: &BTreeSet<String>) -> bool {
    OTHER_EVIDENCE.iter().any(|(s, o, names, _)| *s == spec && *o == op && group(names) == *g)
}

/// The fixture `path` under `tests/fixtures/`.
fn facts(path: &str) -> Value {
    let text = std::fs::read_to_string(yun_tests::fixture(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The SDK's statements for one operation: (members, sentence, conditional).
fn stated(operation: &Value) -> Vec<(BTreeSet<String>, String, bool)> {
    let groups = operation["at_least_one_of"].as_array().cloned().unwrap_or_default();
    groups
        .iter()
        .map(|g| {
            let members: Vec<&str> = g["members"].as_array().map(|m| m.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            (group(&members), g["stated"].as_str().unwrap_or_default().to_owned(), g["conditional"] == Value::Bool(true))
        })
        .collect()
}

/// The problems of one spec against its SDK facts: groups the SDK states and the spec lacks,
/// groups the spec has and the SDK does not state, sentences not read into parameter names,
/// operations of the spec the facts lack. Also the number of groups the SDK states for them.
fn problems(spec_file: &str, facts_file: &str) -> (Vec<String>, usize) {
    let loaded = spec_vs_sdk::load_spec(spec_file);
    let facts = facts(facts_file);
    let mut problems = Vec::new();
    let mut count = 0;
    for (name, op) in loaded.spec.operations.iter() {
        let action = op.action.as_deref().unwrap_or(name);
        let ours: BTreeSet<BTreeSet<String>> = op.at_least_one_of.iter().map(|g| group(g)).collect();
        let sdk = &facts["operations"][action];
        if sdk.is_null() {
            // SWAS, STS and JD facts hold every action of the SDK, ECS, VPC and CMS those of the spec.
            problems.push(format!("{spec_file} {name}: not in {facts_file}"));
            continue;
        }
        let statements = stated(sdk);
        for (_, sentence, _) in statements.iter().filter(|(members, _, _)| members.is_empty()) {
            problems.push(format!("{spec_file} {name}: the SDK says \"{sentence}\" naming no parameter: read it by hand"));
        }
        let theirs: BTreeSet<BTreeSet<String>> =
            statements.iter().filter(|(members, _, conditional)| !members.is_empty() && !conditional).map(|(m, _, _)| m.clone()).collect();
        count += theirs.len();
        for g in theirs.difference(&ours) {
            let sentence = statements.iter().find(|(m, _, _)| m == g).map_or("", |(_, s, _)| s.as_str());
            problems.push(format!("{spec_file} {name}: the SDK states at_least_one_of {g:?} (\"{sentence}\"), the spec lacks it"));
        }
        for g in ours.difference(&theirs) {
            if !allowed(spec_file, name, g) {
                problems.push(format!(
                    "{spec_file} {name}: at_least_one_of {g:?} is stated by no SDK model ({facts_file}) nor in OTHER_EVIDENCE"
                ));
            }
        }
    }
    (problems, count)
}

#[test]
fn the_specs_groups_are_the_groups_the_sdk_models_state() {
    let mut all = Vec::new();
    let mut stated = 0;
    for (spec, facts) in COVERED {
        let (problems, n) = problems(spec, facts);
        all.extend(problems);
        stated += n;
    }
    // ECS DescribeInstanceAutoRenewAttribute (alibabacloud-ecs20140526 7.11.8,
    // models/_describe_instance_auto_renew_attribute_request.py:22) and VPC DescribeVSwitches
    // (alibabacloud-vpc20160428 7.2.2, models/_describe_vswitches_request.py:60).
    assert_eq!(stated, 2, "the groups the extracted SDK models state for our operations");
    spec_vs_sdk::assert_none(all);
}

#[test]
fn specs_without_sdk_groups_claim_none_without_evidence() {
    let covered: BTreeSet<&str> = COVERED.iter().map(|(s, _)| *s).collect();
    let dir = yun_tests::workspace_root().join("specs");
    let mut problems = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        if !file.ends_with(".yaml") {
            continue;
        }
        seen += 1;
        if covered.contains(file.as_str()) {
            continue;
        }
        let loaded = spec_vs_sdk::load_spec(&file);
        for (name, op) in loaded.spec.operations.iter() {
            for g in &op.at_least_one_of {
                if !allowed(&file, name, &group(g)) {
                    problems.push(format!("{file} {name}: at_least_one_of {g:?} has no extracted SDK facts nor OTHER_EVIDENCE"));
                }
            }
        }
    }
    assert!(seen > COVERED.len(), "read the specs under {}", dir.display());
    for (spec, _, _, why) in OTHER_EVIDENCE {
        assert!(!why.trim().is_empty(), "{spec}: OTHER_EVIDENCE needs its evidence");
    }
    spec_vs_sdk::assert_none(problems);
}

/// The phrasings of "either … or" requirements, as `tests/fixtures/documents/extract_requirements.py`
/// lists them (its `PHRASES`; the fixture records the pattern it used, checked equal below).
const PHRASES: &str = concat!(
    r"二选一|必须填写一个|其中之一|其中一个|至少要传一项|任选其一|不能同时",
    r"|(?i:\beither\b.*?\bor\b)|(?i:\bat least one of\b)|(?i:\bone of\b.{0,80}?\bmust\b)",
    r"|(?i:\bmust (?:specify|set|provide|pass) (?:either|one of)\b)",
);

/// How far (in document lines) a member's `source` line may be from a requirement's line for
/// a group on that member to meet it (a member's line is its name's; its text follows).
const NEAR: u32 = 8;

/// How many spec lines above a requirement written in `docs` a `#` comment deciding it may stand
/// (above the member's key, which starts its block).
const COMMENT_REACH: usize = 12;

/// The word a deciding comment must quote: `either`, `at least one of`, `one of`, or the
/// Chinese phrase itself.
fn keyword(phrase: &str) -> String {
    let lower = phrase.to_lowercase();
    for word in ["either", "at least one of", "one of"] {
        if lower.contains(word) {
            return word.to_owned();
        }
    }
    lower
}

/// A spec's lines, parse and file name.
struct SpecText {
    file: String,
    lines: Vec<String>,
    spec: yun_codegen::spec::Spec,
}

impl SpecText {
    fn comments(&self) -> impl Iterator<Item = (usize, &str)> {
        self.lines.iter().enumerate().filter(|(_, l)| l.trim_start().starts_with('#')).map(|(i, l)| (i, l.as_str()))
    }

    /// The operation (spec key) and input member whose block holds line `at`, reading up the
    /// indentation: an operation key at two spaces under `operations:`, a member at six under
    /// its `input:`.
    fn enclosing(&self, at: usize) -> (Option<String>, Option<String>) {
        let key = |line: &str, indent: usize| -> Option<String> {
            let rest = line.strip_prefix(&" ".repeat(indent))?;
            if rest.starts_with(' ') || rest.starts_with('#') {
                return None;
            }
            let (name, _) = rest.split_once(':')?;
            (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))).then(|| name.to_owned())
        };
        let mut member = None;
        // The operation's key (four spaces) above the member: `input`, `output`, …
        let mut part: Option<String> = None;
        for line in self.lines[..=at].iter().rev() {
            if member.is_none() && part.is_none() {
                member = key(line, 6);
            }
            if part.is_none() {
                part = key(line, 4);
            }
            if let Some(op) = key(line, 2) {
                let section = self.lines[..at].iter().rev().find_map(|l| key(l, 0));
                let op = (section.as_deref() == Some("operations")).then_some(op);
                return (op, member.filter(|_| part.as_deref() == Some("input")));
            }
            if key(line, 0).is_some() {
                break;
            }
        }
        (None, None)
    }

    /// The operation's groups (`at_least_one_of` and `one_of`).
    fn groups(&self, op: &str) -> Vec<Vec<String>> {
        self.spec.operations.get(op).map(|o| o.at_least_one_of.iter().chain(&o.one_of).cloned().collect()).unwrap_or_default()
    }
}

fn spec_texts() -> Vec<SpecText> {
    let dir = yun_tests::workspace_root().join("specs");
    let mut files: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).filter(|f| f.ends_with(".yaml")).collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(dir.join(&file)).unwrap();
            let spec = spec_vs_sdk::load_spec(&file).spec;
            SpecText { file, lines: text.lines().map(str::to_owned).collect(), spec }
        })
        .collect()
}

/// A line's text outside a trailing `#` comment (a key's line: `at_least_one_of: [...]   # why`).
fn without_comment(line: &str) -> &str {
    match line.find(" #") {
        Some(i) if line.trim_start().split_once(':').is_some_and(|(k, _)| !k.contains(' ')) => &line[..i],
        _ => line,
    }
}

#[test]
fn every_either_or_requirement_has_a_group_or_a_decision() {
    let phrases = regex::Regex::new(PHRASES).unwrap();
    let facts = facts("documents/requirement-phrases.json");
    assert_eq!(facts["phrases"].as_str(), Some(PHRASES), "extract_requirements.py's PHRASES and this test's differ");
    let specs = spec_texts();
    let mut problems = Vec::new();
    let (mut in_docs, mut by_group, mut by_comment) = (0, 0, 0);

    // The specs' docs: the documents' and SDKs' sentences as transcribed.
    for spec in &specs {
        for (i, line) in spec.lines.iter().enumerate() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            let Some(found) = phrases.find(without_comment(line)) else { continue };
            in_docs += 1;
            let (op, member) = spec.enclosing(i);
            let grouped = op.as_deref().is_some_and(|op| spec.groups(op).iter().any(|g| member.as_ref().is_none_or(|m| g.contains(m))));
            let word = keyword(found.as_str());
            let decided = spec.comments().any(|(c, text)| c < i && c + COMMENT_REACH >= i && text.to_lowercase().contains(&word));
            match (grouped, decided) {
                (true, _) => by_group += 1,
                (false, true) => by_comment += 1,
                (false, false) => problems.push(format!(
                    "{}:{}: \"{}\" ({}{}) has no at_least_one_of/one_of group holding it nor a `#` comment quoting \"{word}\" \
                     within {COMMENT_REACH} lines above with the evidence for not enforcing it",
                    spec.file,
                    i + 1,
                    found.as_str(),
                    op.as_deref().unwrap_or("not an operation"),
                    member.as_deref().map(|m| format!(" {m}")).unwrap_or_default(),
                )),
            }
        }
    }

    // The source documents' lines.
    let hits = facts["hits"].as_array().unwrap();
    for hit in hits {
        let document = hit["document"].as_str().unwrap();
        let line = hit["line"].as_u64().unwrap() as u32;
        let word = keyword(hit["phrase"].as_str().unwrap());
        let citing: Vec<&SpecText> = specs.iter().filter(|s| s.spec.service.sources.document.as_deref() == Some(document)).collect();
        let number = regex::Regex::new(&format!(r"\b{line}\b")).unwrap();
        let decided = citing.iter().any(|s| s.comments().any(|(_, c)| number.is_match(c) && c.to_lowercase().contains(&word)));
        let grouped = citing.iter().any(|s| {
            s.spec.operations.values().any(|op| {
                op.at_least_one_of.iter().chain(&op.one_of).flatten().any(|m| {
                    op.input
                        .get(m)
                        .and_then(|m| m.source.as_ref())
                        .is_some_and(|src| src.doc.as_deref() == Some(document) && src.line.is_some_and(|l| l.abs_diff(line) <= NEAR))
                })
            })
        });
        if !decided && !grouped {
            problems.push(format!(
                "{document}:{line}: \"{}\" ({}) is met by no group on a member citing a line within {NEAR} of it, nor by a `#` \
                 comment giving line {line} and quoting \"{word}\", in a spec citing the document",
                hit["phrase"].as_str().unwrap(),
                hit["excerpt"].as_str().unwrap(),
            ));
        }
    }
    spec_vs_sdk::assert_none(problems);
    eprintln!(
        "{in_docs} requirements in the specs' docs ({by_group} met by groups, {by_comment} by comments), {} in the documents",
        hits.len()
    );
    // In the docs: ECS DescribeInstanceAutoRenewAttribute (a group), RenewInstance's Period and
    // ExpectedRenewDay (a one_of), VPC DescribeVSwitches' RegionId and VpcId (a group); KEC
    // KeepImageLogin twice and IncompleteSignature (comments). In the documents: KEC lines 1193,
    // 3457 and 6144.
    assert_eq!((in_docs, by_group, by_comment, hits.len()), (8, 5, 3, 3));
}
