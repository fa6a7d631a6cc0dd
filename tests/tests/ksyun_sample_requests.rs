//! Every sample request of the Kingsoft KEC document (`003_82dd991f180413ac.txt`), reproduced
//! **by value** through the generated clients.
//!
//! The facts are `tests/fixtures/ksyun/sample-wire.json`, made by
//! `tests/fixtures/ksyun/extract_samples.py`: each sample request of the main body and of the
//! legacy "0913"/"0530" sections, with its host and every parameter (name as sent, value as
//! printed, in order; the signature's placeholders dropped). For each one a typed call — the
//! input builder of `yun-ksyun-kec`, `yun-ksyun-vpc`, `yun-ksyun-sks` or
//! `yun-ksyun-cloud-market`, member by member as the spec types it — is sent to a local server,
//! twice (as the spec declares it, `POST` with a form body and nothing in the URL, and as a
//! client that chose `GET` sends it, in the query string), and the parameters received
//! (query string and form body, without the signature's `X-Amz-*`) must equal the sample's:
//! the same names with the same indices and the same values, `Action` and `Version` included,
//! nothing more, nothing less.
//!
//! Every sample response (also the two under a "Sample Request (返回)" heading, the legacy
//! sections' XML, and the common chapter's examples) is answered by a local server to the
//! typed call of its action and must decode with no field lost.
//!
//! The builder calls take their values from the sample (`one`: the unindexed parameter,
//! `list`: `Name.1`, `Name.2`, ...), but each call is written as the spec's member types
//! demand: a member the spec types as a list is given a list, so a sample that sends the
//! member unindexed fails here. A sample that cannot be reproduced because the spec disagrees
//! with it is a failure (reported to the spec's owner), never an entry of a table below. The
//! tables hold only what is decided: samples whose host or `Version` differs from the spec's
//! service ([`HOSTS`], [`VERSIONS`]), samples broken in the document itself
//! ([`DOCUMENT_TYPOS`], [`NOT_REPRODUCED`] for a page-break fragment), parameters whose form the
//! spec takes from Kingsoft's SDKs over the document's sample by the issue's evidence order
//! ([`CLIENT_FORM`]), and what the client adds ([`CLIENT_ADDITIONS`]). Response samples the
//! document prints broken are decoded after the textual repairs of [`REPAIRS`].
//!
//! Scripted server (`yun_tests::server`), not the emulator: each document sample is compared parameter by
//! parameter with what arrives, exact wire control the emulator does not give.

use std::collections::BTreeMap;

use yun_runtime::ksyun::{Config, RequestMethod, ServiceInfo};
use yun_runtime::Credentials;
use yun_tests::ksyun_samples::{
    corrected, Request, Response, SampleWire, CLIENT_ADDITIONS, CLIENT_FORM, DOCUMENT_TYPOS, HOSTS, NOT_REPRODUCED, REGION, VERSIONS,
};
use yun_tests::server::{Recorded, Reply, TestServer};

fn wire() -> SampleWire {
    yun_tests::ksyun_samples::load()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Service {
    Kec,
    Vpc,
    Sks,
    Market,
}

impl Service {
    fn of(action: &str) -> Self {
        match action {
            "CreateNetworkInterface" | "DeleteNetworkInterface" | "DescribeNetworkInterfaces" => Self::Vpc,
            "CreateKey" | "ImportKey" | "DeleteKey" => Self::Sks,
            "QueryImageList" => Self::Market,
            _ => Self::Kec,
        }
    }
    fn info(self) -> &'static ServiceInfo {
        match self {
            Self::Kec => &yun_ksyun_kec::SERVICE,
            Self::Vpc => &yun_ksyun_vpc::SERVICE,
            Self::Sks => &yun_ksyun_sks::SERVICE,
            Self::Market => &yun_ksyun_cloud_market::SERVICE,
        }
    }
    fn name(self) -> &'static str {
        match self {
            Self::Kec => "kec",
            Self::Vpc => "vpc",
            Self::Sks => "sks",
            Self::Market => "cloud-market",
        }
    }
}

fn config(url: &str, method: RequestMethod) -> Config {
    Config::builder()
        .request_method(method)
        .region(REGION)
        .endpoint(url)
        .credentials(Credentials::new("AKLTsamples", "secret-for-sample-tests"))
        .retry(yun_runtime::client::retry::RetryConfig::disabled())
        .build()
        .unwrap()
}

/// The parameters of a sample after the decided corrections ([`corrected`]): (name, value)
/// in order.
fn expected(s: &Request) -> Vec<(String, String)> {
    corrected(s, Service::of(&s.action).info().version)
}

/// What the server received: query and form body, without the signature's parameters.
fn received(r: &Recorded) -> Vec<(String, String)> {
    let mut out = r.params();
    out.retain(|(k, _)| !k.starts_with("X-Amz-"));
    out
}

/// A sample with its parameters corrected, from which the typed calls take their values.
struct S {
    params: Vec<(String, String)>,
}

impl S {
    /// The unindexed parameter `name`.
    fn one(&self, name: &str) -> Result<String, String> {
        self.opt(name).ok_or_else(|| format!("the sample has no `{name}`"))
    }
    fn opt(&self, name: &str) -> Option<String> {
        self.params.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }
    fn int(&self, name: &str) -> Result<i32, String> {
        self.one(name)?.parse().map_err(|e| format!("`{name}`: {e}"))
    }
    fn opt_int(&self, name: &str) -> Result<Option<i32>, String> {
        self.opt(name).map(|v| v.parse().map_err(|e| format!("`{name}`: {e}"))).transpose()
    }
    /// `name.1`, `name.2`, ... in index order.
    fn list(&self, name: &str) -> Vec<String> {
        let mut items: Vec<(usize, String)> = self
            .params
            .iter()
            .filter_map(|(k, v)| k.strip_prefix(name)?.strip_prefix('.')?.parse().ok().map(|i: usize| (i, v.clone())))
            .collect();
        items.sort_by_key(|(i, _)| *i);
        items.into_iter().map(|(_, v)| v).collect()
    }
    fn opt_list(&self, name: &str) -> Option<Vec<String>> {
        Some(self.list(name)).filter(|l| !l.is_empty())
    }
    /// `Filter.N.Name` / `Filter.N.Value.M`.
    fn filters(&self, name: &str) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        for n in 1.. {
            let Some(filter_name) = self.opt(&format!("{name}.{n}.Name")) else {
                break;
            };
            out.push((filter_name, self.list(&format!("{name}.{n}.Value"))));
        }
        out
    }
}

/// Builds the input, then as `target` says: sends it and gives the call's output
/// (re-serialized) or its error; or compares it with what the server's codec decodes from the
/// request (`Ok(Value::Null)` when equal). `Err` when `build()` refuses the sample.
macro_rules! send {
    ($target:expr, $client:ident, $method:ident, $variant:ident, $builder:expr) => {{
        let input = $builder.build().map_err(|e| format!("build() refuses the sample: {e}"))?;
        match $target {
            Target::Client => Ok($client.$method(input).await.map(|o| serde_json::to_value(o).unwrap()).map_err(|e| e.to_string())),
            Target::Server(request) => Ok(decodes_into(request, typed!($client, $variant, input))),
        }
    }};
}

/// A typed input as the server codec of its crate holds it (`kec` the client of
/// `yun-ksyun-kec`, and so on).
macro_rules! typed {
    (kec, $variant:ident, $input:expr) => {
        Typed::Kec(yun_ksyun_kec::server::OperationInput::$variant($input))
    };
    (vpc, $variant:ident, $input:expr) => {
        Typed::Vpc(yun_ksyun_vpc::server::OperationInput::$variant($input))
    };
    (sks, $variant:ident, $input:expr) => {
        Typed::Sks(yun_ksyun_sks::server::OperationInput::$variant($input))
    };
    (market, $variant:ident, $input:expr) => {
        Typed::Market(yun_ksyun_cloud_market::server::OperationInput::$variant($input))
    };
}

/// Where a sample's typed call goes.
#[derive(Clone, Copy)]
enum Target<'a> {
    /// Sent by the crate's client (to a local server).
    Client,
    /// Compared with what the crate's server codec decodes from this request.
    Server(&'a yun_runtime::server::Request),
}

/// An operation input of one of the four crates, as its server codec decodes it (a test's
/// value, compared and dropped: the size of KEC's inputs does not matter).
#[allow(clippy::large_enum_variant)]
#[derive(Debug, PartialEq)]
enum Typed {
    Kec(yun_ksyun_kec::server::OperationInput),
    Vpc(yun_ksyun_vpc::server::OperationInput),
    Sks(yun_ksyun_sks::server::OperationInput),
    Market(yun_ksyun_cloud_market::server::OperationInput),
}

/// What the codec of `expected`'s crate decodes from `request`, compared with `expected` (the
/// input the typed call built from the sample's values): `Ok(Value::Null)` when equal.
fn decodes_into(request: &yun_runtime::server::Request, expected: Typed) -> Outcome {
    use yun_runtime::server::Dispatch;
    let decoded = match &expected {
        Typed::Kec(_) => Dispatch::decode(request).map(Typed::Kec),
        Typed::Vpc(_) => Dispatch::decode(request).map(Typed::Vpc),
        Typed::Sks(_) => Dispatch::decode(request).map(Typed::Sks),
        Typed::Market(_) => Dispatch::decode(request).map(Typed::Market),
    };
    match decoded {
        Ok(decoded) if decoded == expected => Ok(serde_json::Value::Null),
        Ok(decoded) => Err(format!("the server decodes {decoded:?}; the sample's values make {expected:?}")),
        Err(e) => Err(format!("the server refuses it ({:?}): {e}", e.kind)),
    }
}

/// What a typed call gave back: its output as a value, or the client's error.
type Outcome = Result<serde_json::Value, String>;

/// Sends the typed call of sample `s` (action `action`) to `url`.
async fn call(action: &str, s: &S, url: &str, method: RequestMethod) -> Result<Outcome, String> {
    call_with(action, s, config(url, method), Target::Client).await
}

/// Builds the typed call of sample `s` (action `action`) and sends it with the client
/// configuration `cfg`, or compares it with the server's decoding ([`Target`]).
async fn call_with(action: &str, s: &S, cfg: Config, target: Target<'_>) -> Result<Outcome, String> {
    use yun_ksyun_kec::operation::*;
    let kec = yun_ksyun_kec::Client::new(cfg.clone());
    match action {
        "RunInstances" => send!(
            target,
            kec,
            run_instances,
            RunInstances,
            RunInstancesInput::builder()
                .max_count(s.int("MaxCount")?)
                .min_count(s.int("MinCount")?)
                .image_id(s.one("ImageId")?)
                .subnet_id(s.one("SubnetId")?)
                .set_instance_password(s.opt("InstancePassword"))
                .security_group_id(s.list("SecurityGroupId"))
                .set_data_disk_gb(s.opt_int("DataDiskGb")?)
                .charge_type(s.one("ChargeType")?.as_str())
                .set_instance_type(s.opt("InstanceType"))
                .set_purchase_time(s.opt_int("PurchaseTime")?)
                .set_instance_name(s.opt("InstanceName"))
        ),
        "StartInstances" => {
            send!(target, kec, start_instances, StartInstances, StartInstancesInput::builder().instance_id(s.list("InstanceId")))
        }
        "StopInstances" => {
            send!(target, kec, stop_instances, StopInstances, StopInstancesInput::builder().instance_id(s.list("InstanceId")))
        }
        "RebootInstances" => {
            send!(target, kec, reboot_instances, RebootInstances, RebootInstancesInput::builder().instance_id(s.list("InstanceId")))
        }
        "TerminateInstances" => {
            send!(
                target,
                kec,
                terminate_instances,
                TerminateInstances,
                TerminateInstancesInput::builder().instance_id(s.list("InstanceId"))
            )
        }
        "MonitorInstances" => {
            send!(target, kec, monitor_instances, MonitorInstances, MonitorInstancesInput::builder().instance_id(s.list("InstanceId")))
        }
        "UnmonitorInstances" => {
            send!(
                target,
                kec,
                unmonitor_instances,
                UnmonitorInstances,
                UnmonitorInstancesInput::builder().instance_id(s.list("InstanceId"))
            )
        }
        "DescribeInstanceVnc" => {
            send!(
                target,
                kec,
                describe_instance_vnc,
                DescribeInstanceVnc,
                DescribeInstanceVncInput::builder().instance_id(s.one("InstanceId")?)
            )
        }
        "ModifyInstanceImage" => send!(
            target,
            kec,
            modify_instance_image,
            ModifyInstanceImage,
            ModifyInstanceImageInput::builder()
                .instance_id(s.one("InstanceId")?)
                .set_image_id(s.opt("ImageId"))
                .set_instance_password(s.opt("InstancePassword"))
        ),
        "ModifyInstanceType" => send!(
            target,
            kec,
            modify_instance_type,
            ModifyInstanceType,
            ModifyInstanceTypeInput::builder()
                .instance_id(s.one("InstanceId")?)
                .instance_type(s.one("InstanceType")?)
                .set_data_disk_gb(s.opt_int("DataDiskGb")?)
        ),
        "ModifyInstanceAttribute" => send!(
            target,
            kec,
            modify_instance_attribute,
            ModifyInstanceAttribute,
            ModifyInstanceAttributeInput::builder()
                .instance_id(s.one("InstanceId")?)
                .set_instance_name(s.opt("InstanceName"))
                .set_instance_password(s.opt("InstancePassword"))
        ),
        "DescribeInstances" => send!(
            target,
            kec,
            describe_instances,
            DescribeInstances,
            DescribeInstancesInput::builder()
                .set_max_results(s.opt_int("MaxResults")?)
                .set_marker(s.opt_int("Marker")?)
                .set_instance_id(s.opt_list("InstanceId"))
        ),
        "DescribeInstanceTypeConfigs" => {
            let filters =
                s.filters("Filter").into_iter().map(|(n, v)| yun_ksyun_kec::types::Filter::default().name(n).value(v)).collect::<Vec<_>>();
            send!(
                target,
                kec,
                describe_instance_type_configs,
                DescribeInstanceTypeConfigs,
                DescribeInstanceTypeConfigsInput::builder().filter(filters)
            )
        }
        "DescribeInstanceFamilies" => {
            send!(target, kec, describe_instance_families, DescribeInstanceFamilies, DescribeInstanceFamiliesInput::builder())
        }
        "ModifyInstanceAutoDeleteTime" => send!(
            target,
            kec,
            modify_instance_auto_delete_time,
            ModifyInstanceAutoDeleteTime,
            ModifyInstanceAutoDeleteTimeInput::builder().instance_id(s.list("InstanceId")).set_auto_delete_time(s.opt("AutoDeleteTime"))
        ),
        "DescribeSpotPriceHistory" => send!(
            target,
            kec,
            describe_spot_price_history,
            DescribeSpotPriceHistory,
            DescribeSpotPriceHistoryInput::builder().instance_type(s.one("InstanceType")?).availability_zone(s.one("AvailabilityZone")?)
        ),
        "DescribePrice" => {
            send!(
                target,
                kec,
                describe_price,
                DescribePrice,
                DescribePriceInput::builder().instance_type(s.one("InstanceType")?).image_id(s.one("ImageId")?)
            )
        }
        "CreateModel" => send!(
            target,
            kec,
            create_model,
            CreateModel,
            CreateModelInput::builder()
                .set_instance_type(s.opt("InstanceType"))
                .set_max_count(s.opt_int("MaxCount")?)
                .set_min_count(s.opt_int("MinCount")?)
                .image_id(s.one("ImageId")?)
                .subnet_id(s.one("SubnetId")?)
                .set_instance_name(s.opt("InstanceName"))
                .security_group_id(s.list("SecurityGroupId"))
                .charge_type(s.one("ChargeType")?.as_str())
                .set_instance_name_suffix(s.opt("InstanceNameSuffix"))
                .system_disk(
                    yun_ksyun_kec::types::SystemDisk::default()
                        .disk_type(s.one("SystemDisk.DiskType")?)
                        .disk_size(s.int("SystemDisk.DiskSize")?)
                )
                .purchase_time(s.int("PurchaseTime")?)
                .model_name(s.one("ModelName")?)
        ),
        "TerminateModels" => {
            send!(target, kec, terminate_models, TerminateModels, TerminateModelsInput::builder().model_id(s.list("ModelId")))
        }
        "DescribeModels" => {
            send!(target, kec, describe_models, DescribeModels, DescribeModelsInput::builder().set_model_id(s.opt_list("ModelId")))
        }
        "AddVmIntoDataGuard" => send!(
            target,
            kec,
            add_vm_into_data_guard,
            AddVmIntoDataGuard,
            AddVmIntoDataGuardInput::builder().data_guard_id(s.one("DataGuardId")?).instance_id(s.list("InstanceId"))
        ),
        "ModifyDataGuardGroups" => send!(
            target,
            kec,
            modify_data_guard_groups,
            ModifyDataGuardGroups,
            ModifyDataGuardGroupsInput::builder().data_guard_id(s.one("DataGuardId")?).data_guard_name(s.one("DataGuardName")?)
        ),
        "DescribeDataGuardCapacity" => {
            send!(target, kec, describe_data_guard_capacity, DescribeDataGuardCapacity, DescribeDataGuardCapacityInput::builder())
        }
        "CreateDataGuardGroup" => {
            send!(
                target,
                kec,
                create_data_guard_group,
                CreateDataGuardGroup,
                CreateDataGuardGroupInput::builder().data_guard_name(s.one("DataGuardName")?)
            )
        }
        "DeleteDataGuardGroups" => {
            send!(
                target,
                kec,
                delete_data_guard_groups,
                DeleteDataGuardGroups,
                DeleteDataGuardGroupsInput::builder().data_guard_id(s.list("DataGuardId"))
            )
        }
        "DescribeDataGuardGroup" => send!(
            target,
            kec,
            describe_data_guard_group,
            DescribeDataGuardGroup,
            DescribeDataGuardGroupInput::builder().set_data_guard_id(s.opt("DataGuardId")).set_data_guard_name(s.opt("DataGuardName"))
        ),
        "RemoveVmFromDataGuard" => send!(
            target,
            kec,
            remove_vm_from_data_guard,
            RemoveVmFromDataGuard,
            RemoveVmFromDataGuardInput::builder().data_guard_id(s.one("DataGuardId")?).instance_id(s.list("InstanceId"))
        ),
        "CreateImage" => send!(
            target,
            kec,
            create_image,
            CreateImage,
            CreateImageInput::builder().instance_id(s.one("InstanceId")?).name(s.one("Name")?)
        ),
        "DescribeImages" => {
            send!(target, kec, describe_images, DescribeImages, DescribeImagesInput::builder().set_image_id(s.opt("ImageId")))
        }
        "RemoveImages" => send!(target, kec, remove_images, RemoveImages, RemoveImagesInput::builder().image_id(s.one("ImageId")?)),
        "ModifyImageAttribute" => {
            send!(
                target,
                kec,
                modify_image_attribute,
                ModifyImageAttribute,
                ModifyImageAttributeInput::builder().image_id(s.one("ImageId")?).name(s.one("Name")?)
            )
        }
        "ImportImage" => send!(
            target,
            kec,
            import_image,
            ImportImage,
            ImportImageInput::builder()
                .image_name(s.one("ImageName")?)
                .image_url(s.one("ImageUrl")?)
                .image_format(s.one("ImageFormat")?.as_str())
                .platform(s.one("Platform")?.as_str())
                .architecture(s.one("Architecture")?.as_str())
        ),
        "CopyImage" => {
            send!(
                target,
                kec,
                copy_image,
                CopyImage,
                CopyImageInput::builder().image_id(s.list("ImageId")).destination_region(s.list("DestinationRegion"))
            )
        }
        "DescribeImageSharePermission" => {
            send!(
                target,
                kec,
                describe_image_share_permission,
                DescribeImageSharePermission,
                DescribeImageSharePermissionInput::builder().image_id(s.one("ImageId")?)
            )
        }
        "ModifyImageSharePermission" => send!(
            target,
            kec,
            modify_image_share_permission,
            ModifyImageSharePermission,
            ModifyImageSharePermissionInput::builder()
                .permission(s.one("Permission")?.as_str())
                .account_id(s.list("AccountId"))
                .image_id(s.one("ImageId")?)
        ),
        "CreateLocalVolumeSnapshot" => send!(
            target,
            kec,
            create_local_volume_snapshot,
            CreateLocalVolumeSnapshot,
            CreateLocalVolumeSnapshotInput::builder()
                .local_volume_id(s.one("LocalVolumeId")?)
                .local_volume_snapshot_name(s.one("LocalVolumeSnapshotName")?)
        ),
        "RollbackLocalVolume" => send!(
            target,
            kec,
            rollback_local_volume,
            RollbackLocalVolume,
            RollbackLocalVolumeInput::builder()
                .local_volume_id(s.one("LocalVolumeId")?)
                .local_volume_snapshot_id(s.one("LocalVolumeSnapshotId")?)
        ),
        "DescribeLocalVolumeSnapshots" => {
            send!(target, kec, describe_local_volume_snapshots, DescribeLocalVolumeSnapshots, DescribeLocalVolumeSnapshotsInput::builder())
        }
        "DeleteLocalVolumeSnapshot" => send!(
            target,
            kec,
            delete_local_volume_snapshot,
            DeleteLocalVolumeSnapshot,
            DeleteLocalVolumeSnapshotInput::builder().local_volume_snapshot_id(s.list("LocalVolumeSnapshotId"))
        ),
        "DescribeRegions" => send!(target, kec, describe_regions, DescribeRegions, DescribeRegionsInput::builder()),
        "DescribeAvailabilityZones" => {
            send!(target, kec, describe_availability_zones, DescribeAvailabilityZones, DescribeAvailabilityZonesInput::builder())
        }
        "AttachNetworkInterface" => send!(
            target,
            kec,
            attach_network_interface,
            AttachNetworkInterface,
            AttachNetworkInterfaceInput::builder()
                .instance_id(s.one("InstanceId")?)
                .set_network_interface_id(s.opt("NetworkInterfaceId"))
                .set_subnet_id(s.opt("SubnetId"))
                .set_security_group_id(s.opt_list("SecurityGroupId"))
                .set_private_ip_address(s.opt("PrivateIpAddress"))
        ),
        "ModifyNetworkInterfaceAttribute" => send!(
            target,
            kec,
            modify_network_interface_attribute,
            ModifyNetworkInterfaceAttribute,
            ModifyNetworkInterfaceAttributeInput::builder()
                .instance_id(s.one("InstanceId")?)
                .network_interface_id(s.one("NetworkInterfaceId")?)
                .subnet_id(s.one("SubnetId")?)
                .set_security_group_id(s.opt_list("SecurityGroupId"))
                .set_private_ip_address(s.opt("PrivateIpAddress"))
        ),
        "DetachNetworkInterface" => send!(
            target,
            kec,
            detach_network_interface,
            DetachNetworkInterface,
            DetachNetworkInterfaceInput::builder().instance_id(s.one("InstanceId")?).network_interface_id(s.one("NetworkInterfaceId")?)
        ),
        "DescribeLocalVolumes" => send!(target, kec, describe_local_volumes, DescribeLocalVolumes, DescribeLocalVolumesInput::builder()),
        "AttachKey" => {
            send!(target, kec, attach_key, AttachKey, AttachKeyInput::builder().instance_id(s.list("InstanceId")).key_id(s.list("KeyId")))
        }
        "DetachKey" => {
            send!(target, kec, detach_key, DetachKey, DetachKeyInput::builder().instance_id(s.list("InstanceId")).key_id(s.list("KeyId")))
        }
        "CreateNetworkInterface" | "DeleteNetworkInterface" | "DescribeNetworkInterfaces" => vpc_call(action, s, cfg, target).await,
        "CreateKey" | "ImportKey" | "DeleteKey" => sks_call(action, s, cfg, target).await,
        "QueryImageList" => {
            use yun_ksyun_cloud_market::operation::*;
            let market = yun_ksyun_cloud_market::Client::new(cfg.clone());
            send!(target, market, query_image_list, QueryImageList, QueryImageListInput::builder().region(s.one("Region")?))
        }
        other => Err(format!("no typed call written for {other}")),
    }
}

async fn vpc_call(action: &str, s: &S, cfg: Config, target: Target<'_>) -> Result<Outcome, String> {
    use yun_ksyun_vpc::operation::*;
    let vpc = yun_ksyun_vpc::Client::new(cfg.clone());
    match action {
        "CreateNetworkInterface" => send!(
            target,
            vpc,
            create_network_interface,
            CreateNetworkInterface,
            CreateNetworkInterfaceInput::builder().subnet_id(s.one("SubnetId")?).security_group_id(s.list("SecurityGroupId"))
        ),
        "DeleteNetworkInterface" => {
            send!(
                target,
                vpc,
                delete_network_interface,
                DeleteNetworkInterface,
                DeleteNetworkInterfaceInput::builder().network_interface_id(s.one("NetworkInterfaceId")?)
            )
        }
        "DescribeNetworkInterfaces" => send!(
            target,
            vpc,
            describe_network_interfaces,
            DescribeNetworkInterfaces,
            DescribeNetworkInterfacesInput::builder().set_network_interface_id(s.opt_list("NetworkInterfaceId"))
        ),
        other => Err(format!("no typed call written for {other}")),
    }
}

async fn sks_call(action: &str, s: &S, cfg: Config, target: Target<'_>) -> Result<Outcome, String> {
    use yun_ksyun_sks::operation::*;
    let sks = yun_ksyun_sks::Client::new(cfg.clone());
    match action {
        "CreateKey" => send!(target, sks, create_key, CreateKey, CreateKeyInput::builder().set_key_name(s.opt("KeyName"))),
        "ImportKey" => {
            send!(target, sks, import_key, ImportKey, ImportKeyInput::builder().key_name(s.one("KeyName")?).public_key(s.one("PublicKey")?))
        }
        "DeleteKey" => send!(target, sks, delete_key, DeleteKey, DeleteKeyInput::builder().key_id(s.one("KeyId")?)),
        other => Err(format!("no typed call written for {other}")),
    }
}

/// The host a sample's service resolves to for `REGION`.
fn regional_host(service: Service) -> String {
    service.info().endpoint.replace("{region}", REGION)
}

/// Differences between two parameter lists, as multisets (the samples print them in no fixed
/// order): what only the sample has, what only the client sent.
fn diff(expected: &[(String, String)], sent: &[(String, String)]) -> Option<String> {
    let count = |l: &[(String, String)]| {
        let mut m: BTreeMap<(String, String), i32> = BTreeMap::new();
        for p in l {
            *m.entry(p.clone()).or_default() += 1;
        }
        m
    };
    let (a, b) = (count(expected), count(sent));
    let only = |x: &BTreeMap<(String, String), i32>, y: &BTreeMap<(String, String), i32>| {
        x.iter().filter(|(k, n)| y.get(*k).copied().unwrap_or(0) < **n).map(|((k, v), _)| format!("{k}={v}")).collect::<Vec<_>>()
    };
    let (missing, extra) = (only(&a, &b), only(&b, &a));
    if missing.is_empty() && extra.is_empty() {
        None
    } else {
        Some(format!(
            "the sample sends {missing:?} which the typed call does not; the typed call sends {extra:?} which the sample does not"
        ))
    }
}

#[tokio::test]
async fn every_sample_request_is_reproduced_by_value() {
    let wire = wire();
    let mut failures = Vec::new();
    let mut reproduced = Vec::new();
    let mut additions_seen = 0;
    for sample in &wire.requests {
        if let Some((_, why)) = NOT_REPRODUCED.iter().find(|(id, _)| *id == sample.id) {
            assert!(sample.fragment.is_some(), "{}: listed as not reproduced ({why}) but is a whole sample", sample.id);
            continue;
        }
        assert!(sample.fragment.is_none(), "{}: a fragment, not listed in NOT_REPRODUCED", sample.id);
        let service = Service::of(&sample.action);
        let params = expected(sample);
        let s = S { params: params.clone() };
        // Sent as the spec declares (POST, form body) and as a client choosing GET (query string):
        // the same parameters either way.
        let mut problems = Vec::new();
        for method in [RequestMethod::Post, RequestMethod::Get] {
            let server = TestServer::start(vec![Reply::json(200, r#"{"RequestId":"sample-request"}"#)]).await;
            if let Err(e) = call(&sample.action, &s, &server.url, method).await {
                problems.push(e);
                break;
            }
            let requests = server.requests();
            let Some(got) = requests.first() else {
                problems.push(format!("{}: nothing was sent", method.as_str()));
                continue;
            };
            assert_eq!(got.method, method.as_str(), "{}", sample.id);
            if method == RequestMethod::Post {
                assert!(got.query.is_empty(), "{}: a POST puts nothing in the URL: {:?}", sample.id, got.query);
            }
            let mut sent = received(got);
            for (svc, name, _) in CLIENT_ADDITIONS {
                if *svc == service.name() && !params.iter().any(|(k, _)| k == name) {
                    let before = sent.len();
                    sent.retain(|(k, _)| k != name);
                    additions_seen += usize::from(sent.len() < before);
                }
            }
            assert_eq!(got.path, sample.path.clone().unwrap_or_else(|| "/".into()), "{}: path", sample.id);
            if let Some(d) = diff(&params, &sent) {
                problems.push(format!("{}: {d}", method.as_str()));
            }
        }
        if problems.is_empty() {
            reproduced.push(sample.id.clone());
        } else {
            failures.push(format!("{} (line {}, {}): {}", sample.id, sample.line, sample.section, problems.join("; ")));
        }
    }
    println!("{} sample requests reproduced by value", reproduced.len());
    // SKS's three samples, each sent by POST and by GET: the table's addition is still made.
    assert_eq!(additions_seen, 6, "CLIENT_ADDITIONS is what the clients add");
    assert!(
        failures.is_empty(),
        "{} of {} sample requests are not reproduced:\n{}",
        failures.len(),
        wire.requests.len(),
        failures.join("\n")
    );
    assert_eq!(reproduced.len() + NOT_REPRODUCED.len(), wire.requests.len());
}

/// Every sample request (but the fragment of [`NOT_REPRODUCED`]) received by the server codec
/// of its service, as a `GET` with the parameters in the query and as a `POST` with them in a
/// form body, at the sample's host and path: it decodes into exactly the typed input its
/// typed call builds from the sample's values (the same builders as
/// [`every_sample_request_is_reproduced_by_value`], member by member from the sample's own
/// parameters, not from the spec re-encoding something), with the shared table's corrections
/// ([`corrected`]). The document's samples carry no signature (it prints placeholders): none
/// is checked here; signatures are checked on the SDKs' recorded requests
/// (`server_official_requests.rs`).
#[tokio::test]
async fn every_sample_request_decodes_into_its_input_on_the_server() {
    use yun_runtime::request::encoding::percent_encode;
    let wire = wire();
    let mut failures = Vec::new();
    let mut decoded = 0;
    for sample in wire.requests.iter().filter(|s| !NOT_REPRODUCED.iter().any(|(id, _)| *id == s.id)) {
        let params = expected(sample);
        let encoded: Vec<String> = params.iter().map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v))).collect();
        let encoded = encoded.join("&");
        let host = sample.host.clone().unwrap_or_default().replace("{{region}}", REGION);
        let path = sample.path.clone().unwrap_or_else(|| "/".into());
        let get = yun_runtime::server::Request::new("GET", &format!("https://{host}{path}?{encoded}"), vec![], vec![]);
        let form = vec![("content-type".to_owned(), "application/x-www-form-urlencoded; charset=utf-8".to_owned())];
        let post = yun_runtime::server::Request::new("POST", &format!("https://{host}{path}"), form, encoded.clone().into_bytes());
        let s = S { params };
        let mut problems = Vec::new();
        for request in [&get, &post] {
            // The configuration only builds the (unused) clients of `call_with`.
            match call_with(&sample.action, &s, config("http://127.0.0.1:9", RequestMethod::Post), Target::Server(request)).await {
                Ok(Ok(_)) => {}
                Ok(Err(e)) | Err(e) => problems.push(format!("{}: {e}", request.method())),
            }
        }
        if problems.is_empty() {
            decoded += 1;
        } else {
            failures.push(format!("{} (line {}): {}", sample.id, sample.line, problems.join("; ")));
        }
    }
    println!("{decoded} sample requests decoded by the server codecs, by GET and by POST");
    assert!(failures.is_empty(), "{} of {} samples:\n{}", failures.len(), wire.requests.len(), failures.join("\n"));
    assert_eq!(decoded + NOT_REPRODUCED.len(), wire.requests.len());
}

#[test]
fn hosts_and_versions_that_differ_from_the_spec_are_exactly_the_tables() {
    let wire = wire();
    let mut unlisted = Vec::new();
    for s in wire.requests.iter().filter(|s| s.fragment.is_none()) {
        let service = Service::of(&s.action);
        let host = s.host.clone().unwrap().replace("{{region}}", REGION);
        let listed = HOSTS.iter().find(|(id, _, _)| *id == s.id);
        match (host == regional_host(service), listed) {
            (true, None) => {}
            (false, Some((_, h, _))) => {
                assert_eq!(*h, host, "{}: the table names another host", s.id);
                // Either the service's global host (which the client reaches with
                // `global_endpoint(true)`) or one of the two hosts no client should use.
                let global = service.info().global_endpoint == Some(host.as_str());
                assert!(
                    global || ["kec.cn-beijing-6.inner.api.ksyun.com", "kec.cn-beijing-6.api.kyyn.com"].contains(&host.as_str()),
                    "{}: {host} is neither the spec's global host nor a decided internal/typo host",
                    s.id
                );
            }
            (true, Some(_)) => unlisted.push(format!("{}: listed in HOSTS but sent to {host}, its service's host", s.id)),
            (false, None) => {
                unlisted.push(format!("{}: host {host}, not {} (add it to HOSTS with a decision)", s.id, regional_host(service)))
            }
        }
        let version = s.params.iter().find(|p| p.name == "Version").map(|p| p.value.as_str());
        let listed = VERSIONS.iter().any(|(id, v, _)| *id == s.id && Some(*v) == version);
        if (version != Some(service.info().version)) != listed {
            unlisted.push(format!("{}: Version {version:?}, service {} (VERSIONS)", s.id, service.info().version));
        }
    }
    for (id, ..) in HOSTS.iter().map(|(id, h, w)| (id, h, w)) {
        assert!(wire.requests.iter().any(|s| s.id == *id), "HOSTS names {id}, which is no sample");
    }
    let corrections = DOCUMENT_TYPOS.iter().map(|(id, from, ..)| (id, from)).chain(CLIENT_FORM.iter().map(|(id, from, ..)| (id, from)));
    for (id, from) in corrections {
        let s = wire.requests.iter().find(|s| s.id == **id).unwrap_or_else(|| panic!("the tables name {id}, which is no sample"));
        assert!(s.params.iter().any(|p| format!("{}={}", p.name, p.value) == **from), "{id} does not print {from}");
    }
    assert!(unlisted.is_empty(), "{}", unlisted.join("\n"));
}

#[test]
fn the_fixture_holds_every_action_and_both_legacy_sections() {
    let wire = wire();
    let count = |section: &str| wire.requests.iter().filter(|s| s.section == section).count();
    assert_eq!((count("main"), count("0913"), count("0530")), (53, 17, 16));
    for action in ["MonitorInstances", "UnmonitorInstances", "DescribeInstanceVnc"] {
        assert!(wire.requests.iter().any(|s| s.action == action && s.section != "main"), "{action}: legacy sample");
    }
    for s in &wire.requests {
        assert!(s.params.iter().all(|p| !p.name.is_empty() && !p.name.starts_with("X-Amz-") && p.name != "AUTHPARAMS"), "{}", s.id);
        if s.fragment.is_none() {
            assert_eq!(s.params.iter().filter(|p| p.name == "Action").count(), 1, "{}: one Action", s.id);
            assert_eq!(s.params.iter().filter(|p| p.name == "Version").count(), 1, "{}: one Version", s.id);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Sample responses: each one, answered by a local server, decodes through the client of its
// action with no field lost.

/// Samples the document prints broken, decoded after the listed textual repairs: (sample,
/// [(printed, repaired)], why). Each printed text must occur in the sample.
/// (sample, [(printed text, repaired text)], why).
type Repair = (&'static str, &'static [(&'static str, &'static str)], &'static str);

const REPAIRS: &[Repair] = &[
    ("DescribeInstanceTypeConfigs@1837", &[("\"标准型S4\",\n    }", "\"标准型S4\"\n    }")], "a trailing comma after the last member"),
    (
        "DescribePrice@3360",
        &[(" //折扣价格, 例如100元打八折, 该参数为20.", ""), (" //原价", ""), (" //成交价, 例如例如100元打八折, 该参数为80.", "")],
        "`//` annotations inside the JSON",
    ),
    ("DeleteDataGuardGroups@3961", &[("{\n  {", "{"), ("  }\n}", "  }")], "the object is wrapped in a second pair of braces"),
    (
        "DescribeImages@4188",
        &[
            ("\"common\", -- 镜像类型 (common, dami_100)", "\"common\","),
            ("\"80\" // 镜像进度\",", "\"80\","),
            ("\"import\" // import(导入) | copy(复制) | share(共享) | extend(自定义) | system(标准系统),", "\"import\""),
        ],
        "`--` and `//` annotations inside the JSON",
    ),
    ("CreateLocalVolumeSnapshot@4795", &[(",  \n}", "  \n}")], "a trailing comma after the last member"),
    (
        "DescribeNetworkInterfaces@5620",
        &[
            ("<RequestId>", "<DescribeNetworkInterfacesResponse>\n<RequestId>"),
            ("</NetworkInterfaceSet>\n", "</NetworkInterfaceSet>\n</DescribeNetworkInterfacesResponse>\n"),
        ],
        "the XML has no root element (two top-level elements)",
    ),
    ("DescribeLocalVolumes@5697", &[("},\n...\n]", "}\n]")], "the list is elided with `...`"),
    (
        "CreateKey@5776",
        &[],
        "the PrivateKey and PublicKey strings are wrapped over several lines (line breaks inside JSON strings): the breaks are removed",
    ),
    (
        "AttachNetworkInterface@7934",
        &[
            ("<AttachNetworkInterface Response", "<AttachNetworkInterfaceResponse"),
            ("</AttachNetworkInterface Response>", "</AttachNetworkInterfaceResponse>"),
        ],
        "a space inside the root element's name",
    ),
    ("TerminateInstances@7683", &[(">>true", ">true")], "`<Return>>true</Return>`: a doubled `>`"),
    ("StartInstances@7713", &[(">>false", ">false")], "`<Return>>false</Return>`: a doubled `>`"),
    ("DescribeImages@7988", &[(">>false", ">false")], "`<IsPublic>>false</IsPublic>`: a doubled `>`"),
    ("TerminateInstances@8126", &[(">>true", ">true")], "`<Return>>true</Return>`: a doubled `>`"),
    ("StartInstances@8153", &[(">>false", ">false")], "`<Return>>false</Return>`: a doubled `>`"),
    (
        "DescribeInstances@7849",
        &[(
            "<SecurityGroupGroupId>d92f3801-2cb3-4809-897e-8ba95f491e78</SecurityGroupGroupId>",
            "<SecurityGroupId>d92f3801-2cb3-4809-897e-8ba95f491e78</SecurityGroupId>",
        )],
        "`SecurityGroupGroupId`: a doubled word; the type's member (and what both SDKs read) is SecurityGroupId",
    ),
];

/// Actions whose request sample the spec does not build (each one a failure of
/// `every_sample_request_is_reproduced_by_value`, reported to the spec's owner): the members
/// added to that sample's parameters so that a call can be made and the response decoded.
/// (Empty since the KEC spec let ModifyNetworkInterfaceAttribute's three samples build.)
const RESPONSE_INPUTS: &[(&str, &[(&str, &str)])] = &[];

/// Samples left out of decoding, with the reason.
const RESPONSES_LEFT_OUT: &[(&str, &str)] = &[];

fn join_broken_strings(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string && (c == '\n' || c == '\r') {
            continue;
        }
        if c == '"' && !escaped {
            in_string = !in_string;
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

fn repaired(r: &Response, text: &str) -> String {
    let mut text = text.to_owned();
    if let Some((_, fixes, _)) = REPAIRS.iter().find(|(id, _, _)| *id == r.id) {
        for (from, to) in fixes.iter() {
            assert!(text.contains(from), "{}: the repair expects {from:?} in the sample", r.id);
            text = text.replacen(from, to, 1);
        }
        if r.id == "CreateKey@5776" {
            text = join_broken_strings(&text);
        }
    }
    text
}

/// The sample as a value, as the client reads a body (XML: root element dropped).
fn sample_value(text: &str) -> Result<serde_json::Value, String> {
    let response = yun_runtime::client::http::HttpResponse { status: 200, headers: vec![], body: text.as_bytes().to_vec().into() };
    yun_runtime::ksyun::response::parse(&response)
}

/// Fields of `sample` the decoded output does not hold (absent, or null where the sample has a
/// value; an empty string read as absent is not a loss: XML's `<Message/>` is both).
///
/// `members`: the member names of the output's tree in the spec. The output leaves an absent
/// member out when it re-serializes, and reads an empty string (`<Ipv6PublicIpAddressSet/>`)
/// as absent: a key missing from the decoded output whose sample value is "" is no loss when
/// the spec has that member.
fn lost(sample: &serde_json::Value, decoded: &serde_json::Value, path: &str, members: &Members, out: &mut Vec<String>) {
    use serde_json::Value;
    match (sample, decoded) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                match b.get(k) {
                    Some(Value::Null) if !v.is_null() && v.as_str() != Some("") => out.push(format!("{path}.{k} (decoded as null)")),
                    Some(w) => lost(v, w, &format!("{path}.{k}"), members, out),
                    None if v.as_str() == Some("") && members.names.contains(k) => {}
                    // Another spelling the spec accepts (`aliases`), re-serialized under the
                    // member's wire name.
                    None if members.aliases.get(k).is_some_and(|w| b.contains_key(w) && !a.contains_key(w)) => {
                        lost(v, &b[&members.aliases[k]], &format!("{path}.{k}"), members, out)
                    }
                    None => out.push(format!("{path}.{k}")),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                out.push(format!("{path}: {} items, {} decoded", a.len(), b.len()));
            }
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                lost(v, w, &format!("{path}[{i}]"), members, out);
            }
        }
        (Value::Object(_) | Value::Array(_), other) if !other.is_object() && !other.is_array() => {
            out.push(format!("{path} (a structure decoded as {other})"))
        }
        _ => {}
    }
}

/// Member names of an operation's output tree in its spec, and the other spellings (`aliases`)
/// an answer may use for some of them: alias -> wire name.
struct Members {
    names: std::collections::BTreeSet<String>,
    aliases: BTreeMap<String, String>,
}

fn output_names(action: &str) -> Members {
    let file = match Service::of(action) {
        Service::Kec => "specs/ksyun-kec.yaml",
        Service::Vpc => "specs/ksyun-vpc.yaml",
        Service::Sks => "specs/ksyun-sks.yaml",
        Service::Market => "specs/ksyun-cloud-market.yaml",
    };
    let loaded = yun_codegen::load::load_file(&yun_tests::workspace_root().join(file)).unwrap_or_else(|d| panic!("{d}"));
    let spec = &loaded.spec;
    let op = spec
        .operations
        .0
        .iter()
        .find(|(k, o)| *k == action || o.action.as_deref() == Some(action))
        .map(|(_, o)| o)
        .unwrap_or_else(|| panic!("{action} is not in {file}"));
    let mut names = std::collections::BTreeSet::new();
    let mut aliases = BTreeMap::new();
    let mut note = |k: &String, m: &yun_codegen::spec::Member| {
        names.insert(k.clone());
        for a in &m.aliases {
            names.insert(a.clone());
            aliases.insert(a.clone(), k.clone());
        }
        m.ty.clone()
    };
    let mut todo: Vec<String> = op.output.0.iter().map(|(k, m)| note(k, m)).collect();
    let mut seen = std::collections::BTreeSet::new();
    while let Some(ty) = todo.pop() {
        let inner = ty.trim_start_matches("list<").trim_start_matches("map<string,").trim_end_matches('>').trim().to_owned();
        if !seen.insert(inner.clone()) {
            continue;
        }
        if let Some(members) = spec.shapes.0.get(&inner).and_then(|s| s.members.as_ref()) {
            for (k, m) in members.0.iter() {
                todo.push(note(k, m));
            }
        }
    }
    Members { names, aliases }
}

#[tokio::test]
async fn every_sample_response_decodes_through_the_client_with_no_field_lost() {
    let responses = wire();
    let requests = wire().requests;
    let mut failures = Vec::new();
    let mut decoded = 0;
    let mut member_sets = std::collections::HashMap::new();
    for r in &responses.responses {
        if let Some((_, why)) = RESPONSES_LEFT_OUT.iter().find(|(id, _)| *id == r.id) {
            println!("{} left out: {why}", r.id);
            continue;
        }
        let printed = std::fs::read_to_string(yun_tests::fixture(&format!("ksyun/{}", r.file))).unwrap();
        let body = repaired(r, &printed);
        let sample = match sample_value(&body) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{} (line {}): the sample does not parse: {e}", r.id, r.line));
                continue;
            }
        };
        // The input of a sample request of the same action.
        let Some(request) = requests.iter().find(|q| q.action == r.action && q.fragment.is_none()) else {
            failures.push(format!("{}: no sample request of {} to call with", r.id, r.action));
            continue;
        };
        let s = S { params: expected(request) };
        let content_type = if r.format == "xml" { "application/xml" } else { "application/json" };
        let server = TestServer::start(vec![Reply::Respond {
            status: 200,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.clone().into_bytes(),
        }])
        .await;
        let mut outcome = call(&r.action, &s, &server.url, RequestMethod::Post).await;
        if outcome.is_err() {
            // The request sample does not build (a failure of the request test); the response is
            // still decoded, with an input that builds.
            if let Some((_, extra)) = RESPONSE_INPUTS.iter().find(|(a, _)| *a == r.action) {
                let mut params = s.params.clone();
                params.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
                outcome = call(&r.action, &S { params }, &server.url, RequestMethod::Post).await;
            }
        }
        let outcome = match outcome {
            Ok(o) => o,
            Err(e) => {
                failures.push(format!(
                    "{} (line {}): no input to call with, the request sample {} does not build: {e}",
                    r.id, r.line, request.id
                ));
                continue;
            }
        };
        match outcome {
            Err(e) => failures.push(format!("{} (line {}): the client fails to decode it: {e}", r.id, r.line)),
            Ok(out) => {
                let mut missing = Vec::new();
                let members = member_sets.entry(r.action.clone()).or_insert_with(|| output_names(&r.action));
                lost(&sample, &out, "", members, &mut missing);
                if missing.is_empty() {
                    decoded += 1;
                } else {
                    failures.push(format!("{} (line {}): fields lost: {}", r.id, r.line, missing.join(", ")));
                }
            }
        }
        // Continuations: pieces of the same sample that page breaks scattered; every member name
        // they show is a member of the output (or of a structure it holds) in the spec.
        if !r.continuations.is_empty() {
            let names = output_names(&r.action);
            for c in &r.continuations {
                let text = std::fs::read_to_string(yun_tests::fixture(&format!("ksyun/{}", c.file))).unwrap();
                let unknown: Vec<String> = member_names(&text, &r.format).into_iter().filter(|k| !names.names.contains(k)).collect();
                if !unknown.is_empty() {
                    failures.push(format!("{} continuation (line {}): members the spec's output lacks: {unknown:?}", r.id, c.line));
                }
            }
        }
    }
    let mislabeled: Vec<&str> = responses.responses.iter().filter(|r| r.mislabeled).map(|r| r.id.as_str()).collect();
    assert_eq!(
        mislabeled,
        ["DescribeInstanceTypeConfigs@1837", "DescribeImageSharePermission@4509"],
        "responses under a 'Sample Request (返回)' heading"
    );
    for r in &responses.responses {
        assert!(r.heading.contains("返回"), "{}", r.id);
    }
    println!("{decoded} of {} sample responses decoded with no field lost", responses.responses.len());
    assert!(failures.is_empty(), "{} sample responses fail:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(decoded + RESPONSES_LEFT_OUT.len(), responses.responses.len());
}

/// Member names a JSON or XML fragment shows: `"Name":` keys, or `<Name>` elements.
fn member_names(text: &str, format: &str) -> Vec<String> {
    let mut out = Vec::new();
    if format == "xml" {
        for part in text.split('<').skip(1) {
            let name: String = part.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !name.is_empty() && !["item", "Item", "member"].contains(&name.as_str()) && !part.starts_with('/') {
                out.push(name);
            }
        }
    } else {
        for (i, _) in text.match_indices("\":") {
            let before = &text[..i];
            if let Some(start) = before.rfind('"') {
                out.push(before[start + 1..].to_owned());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

// ---------------------------------------------------------------------------------------------
// The common chapter's responses ("返回结果": 调用成功 / 调用失败, XML and JSON).

/// The chapter's success examples are templates, left out: (format, why).
const COMMON_TEMPLATES: &[(&str, &str)] = &[
    (
        "xml",
        "a template: the root element `<接口名称+Response>` is a placeholder (no XML name, though the lenient reader takes it) and `<!--返回结果数据-->` stands for the data; its RequestId sits under ResponseMetadata, where no KEC sample response puts it (the 32 legacy XML samples have it at the root)",
    ),
    ("json", "a template: `/*返回结果数据*/` stands for the data and is no JSON"),
];

#[tokio::test]
async fn the_common_error_examples_are_typed_errors_and_the_success_examples_templates() {
    let common = wire();
    assert_eq!(common.common_responses.len(), 4);
    for r in &common.common_responses {
        let body = std::fs::read_to_string(yun_tests::fixture(&format!("ksyun/{}", r.file))).unwrap();
        if r.outcome == "success" {
            let (_, why) = COMMON_TEMPLATES.iter().find(|(f, _)| *f == r.format).unwrap();
            match r.format.as_str() {
                "json" => assert!(sample_value(&body).is_err(), "{} parses now; it was left out as {why}", r.id),
                _ => assert!(body.contains("<接口名称+Response>"), "{}: {why}", r.id),
            }
            println!("{} left out: {why}", r.id);
            continue;
        }
        let content_type = if r.format == "xml" { "application/xml" } else { "application/json" };
        let server = TestServer::start(vec![Reply::Respond {
            status: 400,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.clone().into_bytes(),
        }])
        .await;
        let client = yun_ksyun_kec::Client::new(config(&server.url, RequestMethod::Post));
        let input = yun_ksyun_kec::operation::DescribeRegionsInput::builder().build().unwrap();
        let err = client.describe_regions(input).await.unwrap_err();
        assert_eq!(err.service_code(), Some("InvalidParameterValue"), "{}: {err}", r.id);
        let request_id = if r.format == "xml" { "e1eac1b3-1f35-44ba-abd4-7c4b7a9859f3" } else { "68093a99-2f63-4f39-8f70-3047ab8ecb5b" };
        assert_eq!(err.request_id(), Some(request_id), "{}", r.id);
        assert!(err.to_string().contains("input parameter PathPrefix"), "{}: the message: {err}", r.id);
    }
}

// ---------------------------------------------------------------------------------------------
// Where the client sends each sample (no network): host, Version and signature scope.

/// The endpoint a client of `service` resolves for `config`.
fn resolved(service: Service, config: Config) -> yun_runtime::ksyun::ResolvedEndpoint {
    match service {
        Service::Kec => yun_ksyun_kec::Client::new(config).endpoint().clone(),
        Service::Vpc => yun_ksyun_vpc::Client::new(config).endpoint().clone(),
        Service::Sks => yun_ksyun_sks::Client::new(config).endpoint().clone(),
        Service::Market => yun_ksyun_cloud_market::Client::new(config).endpoint().clone(),
    }
}

fn real_config(global: bool) -> Config {
    Config::builder()
        .region(REGION)
        .global_endpoint(global)
        .credentials(Credentials::new("AKLTsamples", "secret-for-sample-tests"))
        .build()
        .unwrap()
}

#[test]
fn every_sample_host_is_where_a_client_sends_or_a_listed_decision() {
    let wire = wire();
    let mut wrong = Vec::new();
    for s in wire.requests.iter().filter(|s| s.fragment.is_none()) {
        let service = Service::of(&s.action);
        let host = s.host.clone().unwrap().replace("{{region}}", REGION);
        let version = expected(s).into_iter().find(|(k, _)| k == "Version").map(|(_, v)| v);
        let regional = resolved(service, real_config(false));
        let global = resolved(service, real_config(true));
        for e in [&regional, &global] {
            assert_eq!(Some(e.api_version), version.as_deref(), "{}: Version", s.id);
            assert_eq!(e.signing_region, REGION, "{}: the scope's region", s.id);
        }
        // The signature scope is the host's first label (kec, vpc, sks, cloud-market).
        assert_eq!(regional.signing_name, service.name(), "{}: the scope's service", s.id);
        let listed = HOSTS.iter().find(|(id, _, _)| *id == s.id);
        let reached = if regional.host == host {
            "regional"
        } else if global.host == host {
            "global"
        } else {
            "none"
        };
        match (reached, listed) {
            ("regional", None) => {}
            ("global", Some(_)) => assert!(global.sends_region, "{}: the global host learns the region from `Region`", s.id),
            ("none", Some((_, _, why))) if host.contains(".inner.") || !host.ends_with(".ksyun.com") => {
                println!("{}: {host} is reached by no client: {why}", s.id)
            }
            _ => wrong.push(format!(
                "{}: {host} ({reached}; regional {}, global {}; listed: {})",
                s.id,
                regional.host,
                global.host,
                listed.is_some()
            )),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The samples the document sends to a global host, sent by a client configured for it (the
/// local server stands in for the global host): the sample's parameters and `Region`.
#[tokio::test]
async fn the_global_host_samples_are_what_a_global_client_sends_plus_region() {
    let wire = wire();
    let mut checked = 0;
    for s in wire.requests.iter().filter(|s| s.fragment.is_none()) {
        let service = Service::of(&s.action);
        let host = s.host.clone().unwrap();
        if service.info().global_endpoint != Some(host.as_str()) || service.info().endpoint == host {
            continue;
        }
        let server = TestServer::start(vec![Reply::json(200, r#"{"RequestId":"sample-request"}"#)]).await;
        let config = Config::builder()
            .region(REGION)
            .global_endpoint(true)
            .endpoint(&server.url)
            .credentials(Credentials::new("AKLTsamples", "secret-for-sample-tests"))
            .retry(yun_runtime::client::retry::RetryConfig::disabled())
            .build()
            .unwrap();
        let params = expected(s);
        let sample = S { params: params.clone() };
        let built = call_with(&s.action, &sample, config, Target::Client).await;
        assert!(built.is_ok(), "{}: {:?}", s.id, built.err());
        let mut want = params;
        want.push(("Region".into(), REGION.into()));
        let got = received(&server.requests()[0]);
        assert_eq!(diff(&want, &got), None, "{}", s.id);
        checked += 1;
    }
    assert_eq!(checked, 3 + 32, "CopyImage, DescribeImageSharePermission, ModifyImageSharePermission and the 32 legacy samples");
}
