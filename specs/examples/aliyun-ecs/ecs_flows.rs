//! The flows of Alibaba Cloud's ECS SDK guide (`002_f0be29b3ba64e6a7.txt`), in Rust, with the
//! paging and polling loops the guide writes by hand replaced by the generated paginators and
//! waiters.
//!
//! ```sh
//! export ALIBABA_CLOUD_ACCESS_KEY_ID=… ALIBABA_CLOUD_ACCESS_KEY_SECRET=… ALIBABA_CLOUD_REGION_ID=cn-hangzhou
//! cargo run -p yun-aliyun-ecs --example ecs_flows -- [--endpoint URL] <flow> [arguments]
//! ```
//!
//! | flow | arguments | what it does |
//! |---|---|---|
//! | `stock` | instance type, [zone] | DescribeAvailableResource: the zones where the type is in stock |
//! | `create` | image, instance type, security group, vSwitch, [amount] | RunInstances (pay-as-you-go), then waits until every instance is Running |
//! | `list` | | DescribeInstances, every page |
//! | `renew` | instance, [months] | reads the auto-renew attribute, renews, turns auto-renew on |
//! | `resize` | instance, instance type, [`prepaid`] | checks DescribeResourcesModification, then ModifyInstanceSpec or ModifyPrepayInstanceSpec |
//! | `release` | instance | StopInstance, waits until Stopped, DeleteInstance, waits until it is gone |
//!
//! `--endpoint http://127.0.0.1:8080` sends everything to that address instead of the region's
//! endpoint (a local test server, a proxy).

use yun_aliyun_ecs::operation::{
    DeleteInstanceInput, DescribeAvailableResourceInput, DescribeInstanceAutoRenewAttributeInput, DescribeInstancesInput,
    DescribeResourcesModificationInput, ModifyInstanceAutoRenewAttributeInput, ModifyInstanceSpecInput, ModifyPrepayInstanceSpecInput,
    RenewInstanceInput, RunInstancesInput, StopInstanceInput,
};
use yun_aliyun_ecs::types::{
    AutoRenewPeriodUnit, DestinationResource, InstanceChargeType, ModificationDestinationResource, ModificationOperationType, PeriodUnit,
};
use yun_aliyun_ecs::{waiters, Client, Config, StreamExt, WaiterConfig};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// How long the flows wait for a state (the service's defaults unless a test says otherwise).
pub struct Timing {
    /// Until Running.
    pub running: WaiterConfig,
    /// Until Stopped.
    pub stopped: WaiterConfig,
    /// Until gone.
    pub deleted: WaiterConfig,
}

impl Default for Timing {
    fn default() -> Self {
        Self { running: waiters::INSTANCE_RUNNING, stopped: waiters::INSTANCE_STOPPED, deleted: waiters::INSTANCE_DELETED }
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut config = Config::builder().from_env()?;
    if let Some(i) = args.iter().position(|a| a == "--endpoint") {
        let endpoint = args.get(i + 1).ok_or("--endpoint needs a URL")?.clone();
        config = config.endpoint(endpoint);
        args.drain(i..=i + 1);
    }
    let config = config.build()?;
    let region = config.region().to_owned();
    let summary = run(&Client::new(config), &region, &args, &Timing::default()).await?;
    println!("{summary}");
    Ok(())
}

/// Runs the flow `args[0]` with its arguments; returns what it did, in a line.
pub async fn run(client: &Client, region: &str, args: &[String], timing: &Timing) -> Result<String> {
    let arg = |i: usize, what: &str| args.get(i).cloned().ok_or_else(|| format!("missing argument: {what}"));
    match args.first().map(String::as_str) {
        Some("stock") => stock(client, region, &arg(1, "instance type")?, args.get(2).map(String::as_str)).await,
        Some("create") => {
            let amount = args.get(5).map(|a| a.parse()).transpose()?.unwrap_or(1);
            create(
                client,
                region,
                &arg(1, "image")?,
                &arg(2, "instance type")?,
                &arg(3, "security group")?,
                &arg(4, "vSwitch")?,
                amount,
                timing,
            )
            .await
        }
        Some("list") => list(client, region).await,
        Some("renew") => renew(client, region, &arg(1, "instance")?, args.get(2).map(|a| a.parse()).transpose()?.unwrap_or(1)).await,
        Some("resize") => {
            resize(client, region, &arg(1, "instance")?, &arg(2, "instance type")?, args.get(3).is_some_and(|a| a == "prepaid")).await
        }
        Some("release") => release(client, region, &arg(1, "instance")?, timing).await,
        _ => Err("flows: stock | create | list | renew | resize | release (see the example's docs)".into()),
    }
}

/// Stock query (the guide's first step): the zones where `instance_type` can be bought now.
async fn stock(client: &Client, region: &str, instance_type: &str, zone: Option<&str>) -> Result<String> {
    let mut query = DescribeAvailableResourceInput::builder()
        .region_id(region)
        .destination_resource(DestinationResource::InstanceType)
        .instance_type(instance_type)
        .instance_charge_type(InstanceChargeType::PostPaid);
    if let Some(zone) = zone {
        query = query.zone_id(zone);
    }
    let answer = client.describe_available_resource(query.build()?).await?;
    let zones: Vec<String> = answer
        .available_zones
        .and_then(|z| z.available_zone)
        .unwrap_or_default()
        .into_iter()
        .filter(|zone| zone.status_category.as_deref() == Some("WithStock"))
        .filter_map(|zone| zone.zone_id)
        .collect();
    if zones.is_empty() {
        return Err(format!("{instance_type} is out of stock in {region}").into());
    }
    Ok(format!("{instance_type} in stock in {}", zones.join(" ")))
}

/// Batch creation (the guide's RunInstances section): create `amount` pay-as-you-go instances
/// and wait until all of them are Running.
#[allow(clippy::too_many_arguments)]
async fn create(
    client: &Client,
    region: &str,
    image: &str,
    instance_type: &str,
    security_group: &str,
    vswitch: &str,
    amount: i32,
    timing: &Timing,
) -> Result<String> {
    let input = RunInstancesInput::builder()
        .region_id(region)
        .image_id(image)
        .instance_type(instance_type)
        .security_group_id(security_group)
        .v_switch_id(vswitch)
        .instance_charge_type(InstanceChargeType::PostPaid)
        .internet_max_bandwidth_out(1)
        .amount(amount)
        .build()?;
    let created = client.run_instances(input).await?;
    let ids = created.instance_id_sets.and_then(|s| s.instance_id_set).unwrap_or_default();
    let wait = DescribeInstancesInput::builder().region_id(region).instance_ids(ids.clone()).build()?;
    client.wait_until_instance_running_with(wait, timing.running).await?;
    Ok(format!("running: {}", ids.join(" ")))
}

/// Paging through every instance of the region (the guide's DescribeInstances loop).
async fn list(client: &Client, region: &str) -> Result<String> {
    let input = DescribeInstancesInput::builder().region_id(region).max_results(100).build()?;
    let mut instances = std::pin::pin!(client.describe_instances_paginator(input).items());
    let mut lines = Vec::new();
    while let Some(instance) = instances.next().await {
        let instance = instance?;
        lines.push(format!("{} {}", instance.instance_id.as_deref().unwrap_or("-"), instance.status.as_ref().map_or("-", |s| s.as_str())));
    }
    Ok(lines.join("\n"))
}

/// Renewal (the guide's renew section): show the auto-renew attribute, renew for `months`,
/// then renew automatically from now on.
async fn renew(client: &Client, region: &str, instance: &str, months: i32) -> Result<String> {
    let attribute = DescribeInstanceAutoRenewAttributeInput::builder().region_id(region).instance_id(vec![instance.to_owned()]).build()?;
    let current = client.describe_instance_auto_renew_attribute(attribute).await?;
    let before = current
        .instance_renew_attributes
        .and_then(|a| a.instance_renew_attribute)
        .and_then(|a| a.into_iter().next())
        .and_then(|a| a.renewal_status)
        .map_or_else(|| "unknown".to_owned(), |s| s.to_string());
    let renewed = RenewInstanceInput::builder().instance_id(instance).period(months).period_unit(PeriodUnit::Month).build()?;
    let order = client.renew_instance(renewed).await?.order_id.unwrap_or_default();
    let auto = ModifyInstanceAutoRenewAttributeInput::builder()
        .region_id(region)
        .instance_id(vec![instance.to_owned()])
        .auto_renew(true)
        .duration(1)
        .period_unit(AutoRenewPeriodUnit::Month)
        .build()?;
    client.modify_instance_auto_renew_attribute(auto).await?;
    Ok(format!("renewed {instance} for {months} month(s), order {order}; renewal was {before}, now automatic"))
}

/// Changing the instance type (the guide's resize section): only to a type the service offers
/// for this instance, with the call that fits its billing.
async fn resize(client: &Client, region: &str, instance: &str, instance_type: &str, prepaid: bool) -> Result<String> {
    let query = DescribeResourcesModificationInput::builder()
        .region_id(region)
        .resource_id(instance)
        .destination_resource(ModificationDestinationResource::InstanceType)
        .operation_type(ModificationOperationType::Upgrade)
        .build()?;
    let offer = client.describe_resources_modification(query).await?;
    let offered: Vec<String> = offer
        .available_zones
        .and_then(|z| z.available_zone)
        .into_iter()
        .flatten()
        .flat_map(|zone| zone.available_resources.and_then(|r| r.available_resource).unwrap_or_default())
        .flat_map(|resource| resource.supported_resources.and_then(|s| s.supported_resource).unwrap_or_default())
        .filter(|supported| supported.status.as_deref() == Some("Available"))
        .filter_map(|supported| supported.value)
        .collect();
    if !offered.iter().any(|t| t == instance_type) {
        return Err(format!("{instance_type} is not offered for {instance}; offered: {}", offered.join(", ")).into());
    }
    if prepaid {
        let input =
            ModifyPrepayInstanceSpecInput::builder().region_id(region).instance_id(instance).instance_type(instance_type).build()?;
        let order = client.modify_prepay_instance_spec(input).await?.order_id.unwrap_or_default();
        Ok(format!("{instance} → {instance_type} (subscription), order {order}"))
    } else {
        let input = ModifyInstanceSpecInput::builder().instance_id(instance).instance_type(instance_type).build()?;
        client.modify_instance_spec(input).await?;
        Ok(format!("{instance} → {instance_type} (pay-as-you-go)"))
    }
}

/// Release (the guide's release section): stop, wait until Stopped, delete, wait until gone.
async fn release(client: &Client, region: &str, instance: &str, timing: &Timing) -> Result<String> {
    let listed = || DescribeInstancesInput::builder().region_id(region).instance_ids(vec![instance.to_owned()]).build();
    client.stop_instance(StopInstanceInput::builder().instance_id(instance).build()?).await?;
    client.wait_until_instance_stopped_with(listed()?, timing.stopped).await?;
    client.delete_instance(DeleteInstanceInput::builder().instance_id(instance).build()?).await?;
    client.wait_until_instance_deleted_with(listed()?, timing.deleted).await?;
    Ok(format!("released {instance}"))
}
