//! An invalid spec is rejected with an error naming the file and the place, and no
//! files are produced.

use std::path::Path;

use yun_codegen::{generate, Diagnostic, Diagnostics, GeneratedCrate};

/// Writes `text` to a temporary spec file, alone in its folder (specs in one folder must
/// not share a crate), and generates from it.
fn generate_text(name: &str, text: &str) -> (String, Result<GeneratedCrate, Diagnostics>) {
    let dir = std::env::temp_dir().join(format!("yun-spec-errors-{}", std::process::id())).join(name.trim_end_matches(".yaml"));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    let result = generate(&file, name);
    (file.display().to_string(), result)
}

fn minimal() -> String {
    std::fs::read_to_string(yun_tests::fixture("specs/minimal.yaml")).unwrap()
}

fn single_error(result: Result<GeneratedCrate, Diagnostics>) -> Diagnostic {
    let diagnostics = result.expect_err("the spec must be rejected");
    assert_eq!(diagnostics.0.len(), 1, "{diagnostics}");
    diagnostics.0.into_iter().next().unwrap()
}

#[test]
fn the_minimal_fixture_is_valid() {
    let (_, result) = generate_text("valid.yaml", &minimal());
    let generated = result.expect("valid");
    assert!(generated.files.iter().any(|f| f.path == Path::new("src/operation/list_things.rs")));
}

#[test]
fn unknown_type_reference_names_file_path_and_line() {
    let text = minimal().replace("type: list<Tag>", "type: list<Tags>");
    let (file, result) = generate_text("unknown-type.yaml", &text);
    let d = single_error(result);
    assert_eq!(d.path, "operations.ListThings.input.Tag.type");
    let line = text.lines().position(|l| l.contains("list<Tags>")).unwrap() + 1;
    assert_eq!(d.line, Some(line));
    assert_eq!(d.column, Some(9), "the column of `type`");
    assert!(d.message.contains("unknown type `Tags`"), "{}", d.message);
    assert!(d.to_string().starts_with(&format!("{file}:{line}:9: ")), "{d}");
}

#[test]
fn duplicate_operation_points_at_the_second_one() {
    let text = format!(
        "{}  ListThings:\n    docs: again\n    source: {{doc: none.txt, line: 2}}\n    http: {{method: POST, path: /}}\n",
        minimal()
    );
    let (file, result) = generate_text("duplicate.yaml", &text);
    let d = single_error(result);
    let second = text.lines().enumerate().filter(|(_, l)| *l == "  ListThings:").nth(1).unwrap().0 + 1;
    assert_eq!(d.line, Some(second));
    assert_eq!(d.path, "operations");
    assert!(d.message.contains("duplicate key `ListThings`"), "{}", d.message);
    assert!(d.to_string().contains(&file));
}

#[test]
fn broken_yaml_names_line_and_column() {
    let text = minimal().replace("  title: Demo", "  title: \"Demo");
    let (file, result) = generate_text("broken.yaml", &text);
    let d = single_error(result);
    assert!(d.line.is_some() && d.column.is_some(), "{d}");
    assert!(d.to_string().starts_with(&file));
}

#[test]
fn unknown_keys_are_rejected_with_what_is_allowed() {
    let text = minimal().replace("range: {min: 1, max: 100}", "ranges: {min: 1, max: 100}");
    let (_, result) = generate_text("unknown-key.yaml", &text);
    let d = single_error(result);
    assert_eq!(d.path, "operations.ListThings.input.PageSize.ranges");
    assert!(d.message.contains("unknown field `ranges`") && d.message.contains("`range`"), "{}", d.message);
}

#[test]
fn every_semantic_problem_is_reported_at_once() {
    let text = minimal()
        .replace("type: list<Tag>", "type: list<Nope>")
        .replace("range: {min: 1, max: 100}", "length: {max: 3}")
        .replace("      Running: 运行中", "      Running: 运行中\n      running: 小写");
    let (_, result) = generate_text("many.yaml", &text);
    let diagnostics = result.expect_err("rejected");
    let messages: Vec<String> = diagnostics.0.iter().map(|d| format!("{}: {}", d.path, d.message)).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(messages.iter().any(|m| m.contains("both become the variant `Running`")));
    assert!(messages.iter().any(|m| m.starts_with("operations.ListThings.input.PageSize.length")));
    assert!(messages.iter().any(|m| m.contains("unknown type `Nope`")));
}

#[test]
fn rest_paths_error_codes_and_waiters_are_checked() {
    let text = std::fs::read_to_string(yun_tests::fixture("specs/invalid/rest-mistakes.yaml")).unwrap();
    let (_, result) = generate_text("rest-mistakes.yaml", &text);
    let diagnostics = result.expect_err("the spec must be rejected");
    let messages: Vec<String> = diagnostics.0.iter().map(|d| format!("{}: {}", d.path, d.message)).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(messages[0].starts_with("operations.Get.input.id.location: `id` fills a path segment: it must be `required: true`"));
    assert!(messages[1].starts_with("waiters.spin.delay: a waiter must pause"));
    assert!(messages[2].contains("`InvalidParameter` and `Invalid.Parameter` both become the variant `InvalidParameter`"));
}

#[test]
fn wire_actions_one_of_groups_the_dry_run_parameter_and_offsets_are_checked() {
    let text = std::fs::read_to_string(yun_tests::fixture("specs/invalid/ksyun-mistakes.yaml")).unwrap();
    let (file, result) = generate_text("ksyun-mistakes.yaml", &text);
    let diagnostics = result.expect_err("the spec must be rejected");
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).map(|i| i + 1);
    let found: Vec<(String, Option<usize>, String)> =
        diagnostics.0.iter().map(|d| (d.path.clone(), d.line, d.message.clone())).collect();
    let expected: Vec<(&str, Option<usize>, &str)> = vec![
        ("service.global_endpoint", line_of("global_endpoint:"), "`https://kec.api.ksyun.com` is not a host"),
        ("operations.Blank.action", line_of("action: \"\""), "`` is not an action name"),
        ("operations.DescribeInstanceFamilies.action", line_of("action: DescribeInstanceFamilys"), "operations `DescribeInstanceFamilys` and `DescribeInstanceFamilies` both send the action `DescribeInstanceFamilys`"),
        ("operations.Attach.one_of", line_of("one_of: [[NetworkInterfaceId"), "`Nope` is not an input member of `Attach`"),
        ("operations.Attach.one_of", line_of("one_of: [[NetworkInterfaceId"), "`NetworkInterfaceId` is in groups 1 and 2"),
        ("operations.Attach.one_of", line_of("one_of: [[NetworkInterfaceId"), "`InstanceId` is `required: true`"),
        ("operations.Attach.one_of", line_of("one_of: [[NetworkInterfaceId"), "group 4 of `one_of` is empty"),
        ("operations.Lonely.one_of", line_of("one_of: [[SubnetId]]"), "`one_of` needs at least two groups"),
        ("operations.Attach.input.DryRun", line_of("DryRun: {type: boolean}"), "`DryRun` is the service's dry-run parameter"),
        ("operations.Paged.paginator.input", line_of("paginator: {kind: offset"), "an offset must be an integer, not `string`"),
        ("operations.Paged.paginator.next", line_of("paginator: {kind: offset"), "a `page-number` or `offset` paginator has no `next`"),
    ];
    assert_eq!(found.len(), expected.len(), "{diagnostics}");
    for (path, line, message) in expected {
        assert!(
            found.iter().any(|(p, l, m)| p == path && *l == line && line.is_some() && m.starts_with(message)),
            "no diagnostic {path} (line {line:?}): {message}\nfound:\n{diagnostics}"
        );
    }
    assert!(diagnostics.to_string().contains(&format!("{file}:")), "{diagnostics}");
}

#[test]
fn kingsoft_keys_belong_to_kingsoft_specs() {
    let text = minimal().replace(
        "  sources:\n",
        "  global_endpoint: x.example.com\n  signing_name: x\n  dry_run: {member: DryRun, code: DryRunOperation}\n  sources:\n",
    );
    let (_, result) = generate_text("not-kingsoft.yaml", &text);
    let diagnostics = result.expect_err("rejected");
    let paths: Vec<&str> = diagnostics.0.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["service.global_endpoint", "service.signing_name", "service.dry_run"], "{diagnostics}");
    assert!(diagnostics.0.iter().all(|d| d.message.contains("ksyun-query protocol only") && d.line.is_some()), "{diagnostics}");
}

#[test]
fn aliases_decode_other_spellings_and_are_refused_where_they_cannot_work() {
    // Accepted on an output member: the generated field takes both spellings.
    let text = minimal().replace("      RequestId: {type: string}", "      RequestId: {type: string, aliases: [requestId]}");
    let (_, result) = generate_text("aliases-ok.yaml", &text);
    let generated = result.expect("valid");
    let op = generated.files.iter().find(|f| f.path == Path::new("src/operation/list_things.rs")).unwrap();
    for emitted in [r#"#[serde(from = "ListThingsOutputAsAnswered")]"#, r#"#[serde(rename = "requestId")]"#, "request_id: wire.request_id.or(wire._request_id_alias_0)"] {
        assert!(op.contents.contains(emitted), "{emitted} in {}", op.contents);
    }

    // On an input member an alias means nothing: refused, with the place.
    let text = minimal().replace("      RegionId:\n        type: string\n", "      RegionId:\n        type: string\n        aliases: [regionId]\n");
    let (file, result) = generate_text("aliases-input.yaml", &text);
    let d = single_error(result);
    assert_eq!(d.path, "operations.ListThings.input.RegionId.aliases");
    assert_eq!(d.file.display().to_string(), file);
    assert!(d.message.contains("output and structure members"), "{}", d.message);

    // An alias that is another member's wire name would decode one key into two fields.
    let text = minimal().replace("      Key: {type: string}", "      Key: {type: string, aliases: [Value]}");
    let d = single_error(generate_text("aliases-clash.yaml", &text).1);
    assert_eq!(d.path, "shapes.Tag.members.Key.aliases");
    assert!(d.message.contains("`Value` already spells the member `Value`"), "{}", d.message);
}
