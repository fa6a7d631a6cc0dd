//! The offline emulator's seed catalogue of a service (`specs/catalogue/<crate>.yaml`): the
//! regions, zones, images, instance types, plans, networks, prices, stock and resources it
//! starts with, taken from the documents' own sample calls so that those calls work as written
//! (a RunInstances with the guide's image id and instance type). Every entry says where it was
//! taken from (`source`, as in a spec). Nothing is generated from it.
//!
//! [`load_file`] reads one (the same limits and located errors as a spec); [`check`] checks it
//! against its spec: the `service` is the spec's crate, every region is one the spec lists,
//! every zone, image, network, price and stock entry names a region, zone and instance type of
//! the catalogue, and each resource is of a kind the spec's `resources:` has, in one of its
//! states, with members that are paths of its item.

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::LoadedSpec;
use crate::spec::{member_path, Source, UniqueMap};

/// A service's seed catalogue.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// The spec's `service.crate` (`aliyun-ecs`).
    pub service: String,
    /// Regions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<Entry>,
    /// Zones, each in a region.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub zones: Vec<Entry>,
    /// Images (in a region, or everywhere when none is given).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Entry>,
    /// Instance types (flavors).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instance_types: Vec<Entry>,
    /// Plans (bundles: SWAS).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plans: Vec<Entry>,
    /// Networks a create names: security groups, VPC switches, subnets (in a region or zone).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub networks: Vec<Entry>,
    /// Prices of an instance type in a zone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prices: Vec<Price>,
    /// What is in stock: an instance type in a zone, and how much.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stock: Vec<Stock>,
    /// Resources that exist from the start (for a service whose spec creates none, the
    /// documents' own ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<SeedResource>,
}

/// A named thing of the catalogue.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Its id, as the documents write it.
    pub id: String,
    /// The region it is in, where it is in one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The zone it is in, where it is in one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
    /// Where it was taken from.
    pub source: Source,
}

/// A price sample: an instance type in a zone.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Price {
    /// The instance type.
    pub instance_type: String,
    /// The zone.
    pub zone: String,
    /// The spot price, in the currency of the document's sample (yuan an hour for ECS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spot: Option<f64>,
    /// The pay-as-you-go (origin) price, same unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<f64>,
    /// When the sample was taken (ISO 8601, as the document writes it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// Where it was taken from.
    pub source: Source,
}

/// Stock of an instance type in a zone.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stock {
    /// The zone.
    pub zone: String,
    /// The instance type.
    pub instance_type: String,
    /// The service's word for it (`WithStock`, `ClosedWithStock`, `WithoutStock`).
    pub status: String,
    /// Where it was taken from.
    pub source: Source,
}

/// A resource that exists from the start.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeedResource {
    /// Its kind: a key of the spec's `resources:`.
    pub kind: String,
    /// Its id.
    pub id: String,
    /// Its state: a value of the kind's state enum.
    pub state: String,
    /// Other members of its item: item path → value (`InstanceType: ecs.g5.large`).
    #[serde(default, skip_serializing_if = "crate::catalogue::is_empty")]
    pub members: UniqueMap<String>,
    /// Where it was taken from.
    pub source: Source,
}

fn is_empty<T>(map: &UniqueMap<T>) -> bool {
    map.0.is_empty()
}

/// A loaded catalogue with the text it came from.
#[derive(Debug, Clone)]
pub struct LoadedCatalogue {
    /// The file.
    pub file: std::path::PathBuf,
    /// Its YAML text.
    pub text: String,
    /// The catalogue.
    pub catalogue: Catalogue,
}

/// Reads a catalogue (at most 4 MiB, UTF-8, one YAML document, as a spec).
pub fn load_file(file: &Path) -> Result<LoadedCatalogue, Diagnostics> {
    let bytes = std::fs::read(file).map_err(|e| Diagnostics::file(file, format!("cannot read the catalogue: {e}")))?;
    let at = |p: crate::spec::limits::Problem| {
        Diagnostics(vec![Diagnostic {
            file: file.to_owned(),
            path: String::new(),
            line: Some(p.line),
            column: Some(p.column),
            message: p.message,
        }])
    };
    crate::spec::limits::check_size(bytes.len()).map_err(at)?;
    let text = crate::spec::limits::check_utf8(&bytes).map_err(at)?.to_owned();
    crate::spec::limits::prescan(&text).map_err(at)?;
    match serde_path_to_error::deserialize::<_, Catalogue>(serde_yaml::Deserializer::from_str(&text)) {
        Ok(catalogue) => Ok(LoadedCatalogue { file: file.to_owned(), text, catalogue }),
        Err(err) => Err(Diagnostics(vec![crate::load::located(file, &text, err)])),
    }
}

/// Checks a catalogue against its spec (see the module's docs); every problem is reported
/// with its path and line.
pub fn check(loaded: &LoadedCatalogue, spec: &LoadedSpec) -> Result<(), Diagnostics> {
    let c = &loaded.catalogue;
    let s = &spec.spec;
    let mut problems: Vec<(Vec<String>, String)> = Vec::new();
    let mut problem = |path: &[&str], message: String| problems.push((path.iter().map(|p| (*p).to_owned()).collect(), message));
    if c.service != s.service.crate_name {
        problem(&["service"], format!("`{}` is not the spec's crate `{}`", c.service, s.service.crate_name));
    }
    let ids = |list: &[Entry]| list.iter().map(|e| e.id.clone()).collect::<std::collections::BTreeSet<_>>();
    let (regions, zones, types) = (ids(&c.regions), ids(&c.zones), ids(&c.instance_types));
    for (i, region) in c.regions.iter().enumerate() {
        if !s.service.regions.contains(&region.id) {
            problem(
                &["regions", &i.to_string(), "id"],
                format!("`{}` is not a region the spec lists ({})", region.id, s.service.regions.join(", ")),
            );
        }
    }
    let lists: [(&str, &[Entry]); 6] = [
        ("zones", &c.zones),
        ("images", &c.images),
        ("instance_types", &c.instance_types),
        ("plans", &c.plans),
        ("networks", &c.networks),
        ("regions", &c.regions),
    ];
    for (key, list) in lists {
        let mut seen = std::collections::BTreeSet::new();
        for (i, entry) in list.iter().enumerate() {
            let index = i.to_string();
            if !seen.insert(entry.id.as_str()) {
                problem(&[key, &index, "id"], format!("`{}` is listed twice", entry.id));
            }
            if key == "zones" && entry.region.is_none() {
                problem(&[key, &index], format!("the zone `{}` names its `region`", entry.id));
            }
            if let Some(region) = entry.region.as_ref().filter(|r| !regions.contains(*r)) {
                problem(&[key, &index, "region"], format!("`{region}` is not a region of the catalogue"));
            }
            if let Some(zone) = entry.zone.as_ref().filter(|z| !zones.contains(*z)) {
                problem(&[key, &index, "zone"], format!("`{zone}` is not a zone of the catalogue"));
            }
        }
    }
    for (i, price) in c.prices.iter().enumerate() {
        let index = i.to_string();
        if !zones.contains(&price.zone) {
            problem(&["prices", &index, "zone"], format!("`{}` is not a zone of the catalogue", price.zone));
        }
        if !types.contains(&price.instance_type) {
            problem(&["prices", &index, "instance_type"], format!("`{}` is not an instance type of the catalogue", price.instance_type));
        }
        if [price.spot, price.origin].iter().flatten().any(|p| !p.is_finite() || *p < 0.0) {
            problem(&["prices", &index], "a price is a number, at least 0".to_owned());
        }
    }
    for (i, stock) in c.stock.iter().enumerate() {
        let index = i.to_string();
        if !zones.contains(&stock.zone) {
            problem(&["stock", &index, "zone"], format!("`{}` is not a zone of the catalogue", stock.zone));
        }
        if !types.contains(&stock.instance_type) {
            problem(&["stock", &index, "instance_type"], format!("`{}` is not an instance type of the catalogue", stock.instance_type));
        }
    }
    let resolved = crate::ir::resources::resolve_resources(spec);
    for (i, seed) in c.resources.iter().enumerate() {
        let index = i.to_string();
        let Some(kind) = resolved.iter().find(|r| r.kind == seed.kind) else {
            problem(&["resources", &index, "kind"], format!("`{}` is not a resource kind of the spec", seed.kind));
            continue;
        };
        if !kind.states.contains(&seed.state) {
            problem(
                &["resources", &index, "state"],
                format!("`{}` is not a state of `{}` ({})", seed.state, seed.kind, kind.states.join(", ")),
            );
        }
        let item = s.resources.get(&seed.kind).and_then(|r| r.read.first()).and_then(|read| {
            let op = s.operations.get(&read.operation)?;
            let steps = member_path::resolve(s, &op.output, &read.items).ok()?;
            let name = steps.last()?.item_type().named()?.to_owned();
            s.shapes.get(&name)?.members.clone()
        });
        for member in seed.members.keys() {
            if let Some(Err(e)) = item.as_ref().map(|m| member_path::resolve(s, m, member).map(|_| ())) {
                problem(&["resources", &index, "members", member], format!("`{member}` is not a member path of the item: {e}"));
            }
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let index = crate::spec::KeyIndex::new(&loaded.text);
    Err(Diagnostics(
        problems
            .into_iter()
            .map(|(path, message)| {
                let keys: Vec<&str> = path.iter().map(String::as_str).collect();
                let (line, column) = index.find(&keys).unwrap_or((1, 1));
                Diagnostic {
                    file: loaded.file.clone(),
                    path: crate::diagnostic::yaml_path(&keys),
                    line: Some(line),
                    column: Some(column),
                    message,
                }
            })
            .collect(),
    ))
}
