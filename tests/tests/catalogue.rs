//! The emulator's seed catalogues (`specs/catalogue/<crate>.yaml`) against the documents' own
//! sample calls, as extracted into fixtures (the documents are not in the repository):
//!
//! - every id and value a sample call names (regions, zones, images, instance types, networks,
//!   plans, instances; the ECS guide's spot prices and stock) is in the service's catalogue, so
//!   the documents' calls work against the emulator as written;
//! - every catalogue entry citing a document line cites one where its value is written (its
//!   provenance is the document's, not made up);
//! - each catalogue passes `yun_codegen::catalogue::check` against its spec (regions the spec
//!   lists, references inside the catalogue, resources of the spec's kinds in their states).
//!
//! Fixtures: `tests/fixtures/documents/sample-ids.json` (ECS guide, SWAS reference;
//! `extract_sample_ids.py`), `tests/fixtures/ksyun/sample-wire.json` (KEC),
//! `tests/fixtures/inspur/samples/` (Inspur); the VPC catalogue holds the ECS guide's vSwitches.
//! JD Cloud's document has no sample calls: no catalogue.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value;
use yun_codegen::catalogue::{self, Catalogue, Entry, LoadedCatalogue};

fn root() -> PathBuf {
    yun_tests::workspace_root()
}

fn load(name: &str) -> LoadedCatalogue {
    let file = root().join("specs/catalogue").join(format!("{name}.yaml"));
    let loaded = catalogue::load_file(&file).unwrap_or_else(|d| panic!("{d}"));
    let spec_file = root().join("specs").join(format!("{name}.yaml"));
    let spec = yun_codegen::load::load_file(&spec_file).unwrap_or_else(|d| panic!("{d}"));
    catalogue::check(&loaded, &spec).unwrap_or_else(|d| panic!("{d}"));
    loaded
}

fn json(path: &str) -> Value {
    let text = std::fs::read_to_string(yun_tests::fixture(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn ids(list: &[Entry]) -> BTreeSet<&str> {
    list.iter().map(|e| e.id.as_str()).collect()
}

/// (kind, value) → the lines of `document` that write it, from sample-ids.json.
fn sample_ids(document: &str) -> BTreeMap<(String, String), BTreeSet<u64>> {
    let all = json("documents/sample-ids.json");
    let mut found: BTreeMap<(String, String), BTreeSet<u64>> = BTreeMap::new();
    for item in all["documents"][document].as_array().unwrap_or_else(|| panic!("{document} in sample-ids.json")) {
        let (kind, value) = (item["kind"].as_str().unwrap().to_owned(), item["value"].as_str().unwrap().to_owned());
        found.entry((kind, value)).or_default().insert(item["line"].as_u64().unwrap());
    }
    found
}

/// Every entry of `list` citing `document` cites a line that writes its id (for a kind of
/// `kinds`).
fn cited_where_written(document: &str, list: &[Entry], kinds: &[&str], facts: &BTreeMap<(String, String), BTreeSet<u64>>) {
    for entry in list {
        if entry.source.doc.as_deref() != Some(document) {
            continue;
        }
        let line = u64::from(entry.source.line.unwrap_or_else(|| panic!("{}: a document source needs its line", entry.id)));
        let written = kinds.iter().any(|k| facts.get(&((*k).to_owned(), entry.id.clone())).is_some_and(|l| l.contains(&line)));
        assert!(written, "{}: line {line} of {document} does not write it (as {kinds:?})", entry.id);
    }
}

#[test]
fn every_value_of_the_ecs_guides_calls_is_in_its_catalogue() {
    const DOC: &str = "002_f0be29b3ba64e6a7.txt";
    let loaded = load("aliyun-ecs");
    let c: &Catalogue = &loaded.catalogue;
    let facts = sample_ids(DOC);
    let networks = ids(&c.networks);
    let mut checked = 0;
    for ((kind, value), lines) in &facts {
        let present = match kind.as_str() {
            "region" => ids(&c.regions).contains(value.as_str()),
            "zone" => ids(&c.zones).contains(value.as_str()),
            "image" => ids(&c.images).contains(value.as_str()),
            "instance_type" => ids(&c.instance_types).contains(value.as_str()),
            "security_group" | "vswitch" => networks.contains(value.as_str()),
            "stock" => c.stock.iter().any(|s| s.status == *value),
            "spot_price" => c.prices.iter().any(|p| p.spot.is_some_and(|s| s.to_string() == *value)),
            other => panic!("a kind the test does not know: {other}"),
        };
        assert!(present, "{kind} `{value}` (line {lines:?}) is not in specs/catalogue/aliyun-ecs.yaml");
        checked += 1;
    }
    assert!(checked >= 19, "{checked} distinct values of 8 kinds");
    cited_where_written(DOC, &c.regions, &["region"], &facts);
    cited_where_written(DOC, &c.zones, &["zone"], &facts);
    cited_where_written(DOC, &c.images, &["image"], &facts);
    cited_where_written(DOC, &c.instance_types, &["instance_type"], &facts);
    cited_where_written(DOC, &c.networks, &["security_group", "vswitch"], &facts);
    // Each spot price is the one written on its line (its time, price and origin price).
    let spots = json("documents/sample-ids.json");
    for price in &c.prices {
        let line = u64::from(price.source.line.unwrap());
        let sample = spots["documents"][DOC]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["kind"] == "spot_price" && x["line"] == line)
            .unwrap_or_else(|| panic!("no spot price at line {line}"));
        assert_eq!(price.spot.map(|p| p.to_string()).as_deref(), sample["value"].as_str(), "line {line}");
        assert_eq!(price.origin.map(|p| p.to_string()).as_deref(), sample["origin"].as_str(), "line {line}");
        assert_eq!(price.at.as_deref(), sample["at"].as_str(), "line {line}");
    }
    assert_eq!(c.prices.len(), 8);
    // Stock cites a line writing its status or its instance type.
    for stock in &c.stock {
        let line = u64::from(stock.source.line.unwrap());
        let written = [("stock", &stock.status), ("instance_type", &stock.instance_type)]
            .iter()
            .any(|(k, v)| facts.get(&((*k).to_owned(), (*v).clone())).is_some_and(|l| l.contains(&line)));
        assert!(written, "stock of {} in {}: line {line} writes neither", stock.instance_type, stock.zone);
    }
}

#[test]
fn the_vpc_catalogue_holds_the_ecs_guides_vswitches() {
    const DOC: &str = "002_f0be29b3ba64e6a7.txt";
    let loaded = load("aliyun-vpc");
    let c = &loaded.catalogue;
    let facts = sample_ids(DOC);
    // Every vSwitch the guide names is listed (and nothing else is), each cited where written.
    let guide: BTreeSet<&str> = facts.keys().filter(|(kind, _)| kind == "vswitch").map(|(_, value)| value.as_str()).collect();
    assert_eq!(ids(&c.networks), guide);
    assert_eq!(guide.len(), 3);
    cited_where_written(DOC, &c.networks, &["vswitch"], &facts);
    cited_where_written(DOC, &c.zones, &["zone"], &facts);
    cited_where_written(DOC, &c.regions, &["region"], &facts);
    // A vSwitch's zone is the one its own request names: the zone's line is in that request
    // (within the few lines of one sample call), before or after the vSwitch's line.
    for network in c.networks.iter().filter(|n| n.zone.is_some()) {
        let zone = c.zones.iter().find(|z| Some(&z.id) == network.zone.as_ref()).unwrap();
        let (a, b) = (network.source.line.unwrap(), zone.source.line.unwrap());
        assert!(a.abs_diff(b) <= 10, "{}: zone {} cited at line {b}, the vSwitch at {a}", network.id, zone.id);
    }
    // The same vSwitches as the ECS catalogue's (the creates that name them).
    let ecs = load("aliyun-ecs");
    let ecs_vswitches: BTreeSet<&str> = ecs.catalogue.networks.iter().map(|n| n.id.as_str()).filter(|id| id.starts_with("vsw-")).collect();
    assert_eq!(ids(&c.networks), ecs_vswitches);
}

#[test]
fn every_value_of_the_swas_calls_is_in_its_catalogue() {
    const DOC: &str = "000_a3f05b1bc2bd7c22.txt";
    let loaded = load("aliyun-swas");
    let c = &loaded.catalogue;
    let facts = sample_ids(DOC);
    let instances: BTreeSet<&str> = c.resources.iter().map(|r| r.id.as_str()).collect();
    for ((kind, value), lines) in &facts {
        let present = match kind.as_str() {
            "region" => ids(&c.regions).contains(value.as_str()),
            "image" => ids(&c.images).contains(value.as_str()),
            "plan" => ids(&c.plans).contains(value.as_str()),
            "instance" => instances.contains(value.as_str()),
            other => panic!("a kind the test does not know: {other}"),
        };
        assert!(present, "{kind} `{value}` (line {lines:?}) is not in specs/catalogue/aliyun-swas.yaml");
    }
    assert_eq!(instances, BTreeSet::from(["ace57xxx", "id1", "id2"]));
    cited_where_written(DOC, &c.regions, &["region"], &facts);
    cited_where_written(DOC, &c.images, &["image"], &facts);
    cited_where_written(DOC, &c.plans, &["plan"], &facts);
    for seed in &c.resources {
        let line = u64::from(seed.source.line.unwrap());
        assert!(facts.get(&("instance".to_owned(), seed.id.clone())).is_some_and(|l| l.contains(&line)), "{}: line {line}", seed.id);
    }
}

#[test]
fn the_kec_documents_flow_requests_find_their_ids() {
    const DOC: &str = "003_82dd991f180413ac.txt";
    let loaded = load("ksyun-kec");
    let c = &loaded.catalogue;
    let wire = json("ksyun/sample-wire.json");
    // Every value each (1.4.5) sample of the flow's actions sends, by parameter, with its line.
    let mut sent: BTreeMap<(String, String), BTreeSet<u64>> = BTreeMap::new();
    let flow = ["RunInstances", "StartInstances", "StopInstances", "RebootInstances", "TerminateInstances"];
    for request in wire["requests"].as_array().unwrap() {
        if request["section"] != "main" {
            continue;
        }
        for param in request["params"].as_array().unwrap() {
            let name = param["name"].as_str().unwrap().split('.').next().unwrap().to_owned();
            let value = param["value"].as_str().unwrap_or_default().to_owned();
            let line = param["line"].as_u64().unwrap();
            sent.entry((name.clone(), value.clone())).or_default().insert(line);
            let action = request["action"].as_str().unwrap();
            if !flow.contains(&action) {
                continue;
            }
            let present = match name.as_str() {
                "ImageId" => ids(&c.images).contains(value.as_str()),
                "InstanceType" => ids(&c.instance_types).contains(value.as_str()),
                "SubnetId" | "SecurityGroupId" => ids(&c.networks).contains(value.as_str()),
                "InstanceId" => c.resources.iter().any(|r| r.id == value),
                _ => true,
            };
            assert!(present, "{action} (line {line}) sends {name}={value}, which specs/catalogue/ksyun-kec.yaml lacks");
        }
        if request["action"] == "RunInstances" {
            let host = request["host"].as_str().unwrap();
            assert!(c.regions.iter().any(|r| host.contains(&format!(".{}.", r.id))), "{host}");
        }
    }
    // Provenance: each entry's line sends its id (a region: its host; a zone: its AvailabilityZone).
    let lines_of = |name: &str, value: &str| sent.get(&(name.to_owned(), value.to_owned())).cloned().unwrap_or_default();
    for (list, names) in [
        (&c.images, &["ImageId"][..]),
        (&c.instance_types, &["InstanceType"][..]),
        (&c.networks, &["SubnetId", "SecurityGroupId"][..]),
        (&c.zones, &["AvailabilityZone"][..]),
    ] {
        for entry in list.iter() {
            let line = u64::from(entry.source.line.unwrap());
            assert!(
                entry.source.doc.as_deref() == Some(DOC) && names.iter().any(|n| lines_of(n, &entry.id).contains(&line)),
                "{}: line {line}",
                entry.id
            );
        }
    }
    for seed in &c.resources {
        let line = u64::from(seed.source.line.unwrap());
        assert!(lines_of("InstanceId", &seed.id).contains(&line), "{}: line {line}", seed.id);
    }
}

/// The values of `"id": "<36 characters of hex digits and dashes>"` in a line.
fn ids_in(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("\"id\":") {
        rest = rest[at + 5..].trim_start();
        if let Some(value) = rest.strip_prefix('"').and_then(|r| r.get(..36)) {
            if value.chars().all(|c| c.is_ascii_hexdigit() || c == '-') && rest[1..].get(36..37) == Some("\"") {
                found.push(value.to_owned());
            }
        }
    }
    found
}

#[test]
fn the_inspur_samples_servers_are_seeded() {
    let loaded = load("inspur-ecs");
    let c = &loaded.catalogue;
    let index = json("inspur/samples/index.json");
    // The 36-character ids each sample writes, by document line (fence line + 1 + the line in the file).
    let mut written: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    let mut server_ids: BTreeSet<String> = BTreeSet::new();
    for sample in index["samples"].as_array().unwrap() {
        let file = sample["file"].as_str().unwrap();
        let text = std::fs::read_to_string(yun_tests::fixture(&format!("inspur/samples/{file}"))).unwrap();
        let fence = sample["line"].as_u64().unwrap();
        for (i, line) in text.lines().enumerate() {
            for found in ids_in(line) {
                written.entry(found.clone()).or_default().insert(fence + 1 + i as u64);
                // The servers of the batch requests and of the details answer (not its image).
                let server = file.ends_with("Servers-request.json")
                    || (file == "ShowServerDetails-response.json"
                        && line.trim_start().starts_with("\"id\"")
                        && !line.starts_with("                "));
                if server {
                    server_ids.insert(found);
                }
            }
        }
    }
    assert_eq!(server_ids.len(), 3, "{server_ids:?}");
    for server in &server_ids {
        assert!(c.resources.iter().any(|r| r.id == *server), "the samples' server {server} is not seeded");
    }
    for seed in &c.resources {
        let line = u64::from(seed.source.line.unwrap());
        assert!(written.get(&seed.id).is_some_and(|l| l.contains(&line)), "{}: line {line}", seed.id);
    }
    for image in &c.images {
        let line = u64::from(image.source.line.unwrap());
        assert!(written.get(&image.id).is_some_and(|l| l.contains(&line)), "{}: line {line}", image.id);
    }
}

#[test]
fn catalogues_cover_the_services_with_sample_calls() {
    let mut names: Vec<String> = std::fs::read_dir(root().join("specs/catalogue"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    // JD Cloud's document lists actions only, with no sample call: nothing to seed from it.
    // VPC's is the ECS guide's vSwitches (its DescribeVSwitches step).
    assert_eq!(names, ["aliyun-ecs.yaml", "aliyun-swas.yaml", "aliyun-vpc.yaml", "inspur-ecs.yaml", "ksyun-kec.yaml"]);
}

#[test]
fn a_catalogue_that_does_not_fit_its_spec_is_refused() {
    let file = std::env::temp_dir().join(format!("yun-catalogue-{}.yaml", std::process::id()));
    let spec = yun_codegen::load::load_file(&root().join("specs/aliyun-swas.yaml")).unwrap();
    let text = std::fs::read_to_string(root().join("specs/catalogue/aliyun-swas.yaml")).unwrap();
    let refused = |text: String| -> String {
        std::fs::write(&file, text).unwrap();
        match catalogue::load_file(&file) {
            Err(d) => d.to_string(),
            Ok(loaded) => catalogue::check(&loaded, &spec).err().map(|d| d.to_string()).unwrap_or_default(),
        }
    };
    let wrong = [
        (text.replace("    state: Running\n", "    state: Runing\n"), "`Runing` is not a state of `instance`"),
        (text.replace("  - {id: cn-hangzhou, source", "  - {id: cn-shanghai, source"), "`cn-shanghai` is not a region the spec lists"),
        (
            text.replace("{id: img-xxx, region: cn-hangzhou", "{id: img-xxx, region: cn-beijing"),
            "`cn-beijing` is not a region of the catalogue",
        ),
        (text.replace("members: {RegionId:", "members: {Region:"), "`Region` is not a member path of the item"),
        (text.replace("service: aliyun-swas", "service: aliyun-ecs"), "is not the spec's crate"),
        (text.replace("    state: Running\n", "    state: Running\n    colour: red\n"), "unknown field `colour`"),
    ];
    for (text, message) in wrong {
        let got = refused(text);
        assert!(got.contains(message) && got.contains(":"), "{message}: {got}");
    }
    let _ = std::fs::remove_file(&file);
}
