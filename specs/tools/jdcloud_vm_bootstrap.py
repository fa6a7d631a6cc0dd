"""Made the first draft of specs/jdcloud-vm.yaml; the YAML is the reviewed source of truth.

This script only produced the first draft of the spec's `shapes:` and `operations:` (the header
with `service:` and the provenance notes, and the closing `errors:` list, were written by hand).
The spec is reviewed and edited in the YAML from then on, so running this again does not update
the spec: compare its output with the spec's middle part instead of replacing the spec with it.

What it combines:

- the document shared/seeds/001_2ab5fddc7a2a9fcc.txt: the table of 35 actions (name, HTTP
  method, description with access rules) and each row's line number;
- the official Python SDK jdcloud-sdk 1.6.354 (`jdcloud_sdk.services.vm`): path templates,
  methods, parameters (constructor = required, `setX` = optional) and their docs, and the
  member names, required flags and docs of the models (`services/{vm,common,charge,disk}/models`);
- types the Python SDK does not have, transcribed by hand into TYPES / OP_INPUT_TYPES /
  OP_OUTPUT below from the official Go SDK (jdcloud-api/jdcloud-sdk-go, `services/*/apis`
  and `services/*/models`), and where the stored Go version lacks a member from the .NET
  (jdcloud-api/jdcloud-sdk-net) or Java (jdcloud-api/jdcloud-sdk-java) SDK, from
  jdcloud-sdk-js 1.2.202 and the jdcloud_cli 1.2.12 argument help, or inferred from the
  member's docs (those carry a `# type inferred: ...` comment in the spec);
- enum values, constraints and review comments (ENUMS, CONSTRAINTS, COMMENTS), decided by hand
  from the document and the SDK docs.

Run with a virtualenv that has the SDK:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install jdcloud-sdk==1.6.354
    /tmp/venv/bin/python specs/tools/jdcloud_vm_bootstrap.py > /tmp/jdcloud-vm.draft.yaml
"""

import importlib
import inspect
import json
import os
import re
import sys

import jdcloud_sdk.services.vm.apis as apis_pkg

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOC = "001_2ab5fddc7a2a9fcc.txt"
DOC_PATH = os.path.join(os.path.dirname(ROOT), "shared", "seeds", DOC)
SDK = "jdcloud-sdk"

# ---------------------------------------------------------------------------------------
# Types. A value is a type expression, or (type, note) where the note becomes a
# `# type inferred: ...` comment.

GO = "not in the stored Go SDK"
TYPES = {
    "InstanceSpec": {
        "dedicatedPoolId": "string", "dedicatedHostId": "string", "agId": "string", "isManaged": "boolean",
        "instanceTemplateId": "string", "az": "string", "instanceType": "string", "burstSpec": "BurstSpec",
        "imageId": "string", "name": "string", "hostname": "string", "password": "string",
        "keyNames": "list<string>", "elasticIp": "ElasticIpSpec",
        "primaryNetworkInterface": "InstanceNetworkInterfaceAttachmentSpec", "systemDisk": "InstanceDiskAttachmentSpec",
        "dataDisks": "list<InstanceDiskAttachmentSpec>", "charge": "ChargeSpec", "metadata": "list<Metadata>",
        "userdata": "list<Userdata>", "description": "string", "noPassword": "boolean", "noKeyNames": "boolean",
        "noElasticIp": "boolean", "noInstanceTags": "boolean", "userTags": "list<Tag>",
        "chargeOnStopped": "ChargeOnStopped", "autoImagePolicyId": "string", "passwordAuth": "YesNo",
        "imageInherit": "YesNo", "resourceGroupId": "string", "cpuTopology": "CpuTopology",
    },
    "BurstSpec": {"burstMode": "BurstMode"},
    "ElasticIpSpec": {"bandwidthMbps": "integer", "provider": "string", "chargeSpec": "ChargeSpec"},
    "ChargeSpec": {
        "chargeMode": "ChargeMode", "chargeUnit": "ChargeUnit", "chargeDuration": "integer", "autoRenew": "boolean",
        "autoChangeChargeMode": "boolean", "autoChangeChargeModeDate": "string", "buyScenario": "string",
    },
    "InstanceNetworkInterfaceAttachmentSpec": {
        "deviceIndex": "integer", "autoDelete": "boolean", "networkInterface": "NetworkInterfaceSpec",
    },
    "NetworkInterfaceSpec": {
        "subnetId": "string", "az": "string", "networkInterfaceName": "string", "primaryIpAddress": "string",
        "secondaryIpAddresses": "list<string>", "secondaryIpCount": "integer", "securityGroups": "list<string>",
        "sanityCheck": "integer", "description": "string", "ipv6Address": "string", "ipv6AddressCount": "integer",
    },
    "InstanceDiskAttachmentSpec": {
        "diskCategory": "DiskCategory", "autoDelete": "boolean", "cloudDiskSpec": "DiskSpec", "deviceName": "string",
        "noDevice": "boolean",
    },
    "DiskSpec": {
        "az": "string", "name": "string", "diskType": "DiskType", "diskSizeGB": "integer", "description": "string",
        "iops": ("integer", "Go's DiskSpec is older; jdcloud-sdk-net's DiskSpec has int?"),
        "snapshotId": "string",
        "policyId": ("string", "Go's DiskSpec is older; jdcloud-sdk-net's DiskSpec has string"),
        "charge": "ChargeSpec",
        "multiAttachable": ("boolean", "Go's DiskSpec is older; jdcloud-sdk-net's DiskSpec has bool"),
        "encrypt": ("boolean", "Go's DiskSpec is older; jdcloud-sdk-net's DiskSpec has bool"),
    },
    "Metadata": {
        "key": ("string", GO + "; jdcloud-sdk-net's Metadata has string"),
        "value": ("string", GO + "; jdcloud-sdk-net's Metadata has string"),
    },
    "Userdata": {"key": "string", "value": "string"},
    "Tag": {"key": "string", "value": "string"},
    "TagFilter": {"key": "string", "values": "list<string>"},
    "Filter": {"name": "string", "values": "list<string>", "operator": "string"},
    "CpuTopology": {"sockets": "list<Socket>", "numas": "list<Numa>"},
    "Socket": {"id": "integer", "cores": "list<Core>"},
    "Core": {"id": "integer", "threads": "list<Thread>"},
    "Thread": {"id": "integer", "pin": "string"},
    "Numa": {"id": "integer", "cores": "list<Core>"},
    "InstanceDiskAttribute": {"diskId": "string", "autoDelete": "boolean"},
    "InstanceNetworkAttribute": {"networkInterfaceId": "string", "autoDelete": "boolean"},
    "Instance": {
        "instanceId": "string", "instanceName": "string",
        "hostname": ("string", GO + "; jdcloud-sdk-java's Instance has String"),
        "instanceType": "string", "vpcId": "string", "subnetId": "string", "privateIpAddress": "string",
        "elasticIpId": "string", "elasticIpAddress": "string", "status": "VmStatus", "description": "string",
        "imageId": "string", "systemDisk": "InstanceDiskAttachment", "dataDisks": "list<InstanceDiskAttachment>",
        "primaryNetworkInterface": "InstanceNetworkInterfaceAttachment",
        "secondaryNetworkInterfaces": "list<InstanceNetworkInterfaceAttachment>",
        "rdmaNetworkInterfaces": ("list<RdmaNetworkInterface>", GO + "; \"RDMA网卡配置列表\", the Go model RdmaNetworkInterface"),
        "launchTime": "string", "az": "string", "keyNames": "list<string>", "charge": "Charge",
        "imageCharge": ("ImageCharge", GO + "; \"云主机使用镜像的计费配置与信息\", the Go model ImageCharge"),
        "spotStatus": ("string", GO + "; \"抢占实例状态机\", a state name"),
        "ag": "Ag", "faultDomain": "string", "tags": "list<Tag>",
        "chargeOnStopped": ("ChargeOnStopped", GO + "; jdcloud-sdk-java's Instance has String"),
        "policies": ("list<Policy>", GO + "; jdcloud-sdk-java's Instance has List<Policy>"),
        "dedicatedPoolId": ("string", GO + "; jdcloud-sdk-java's Instance has String"),
        "dedicatedHostId": ("string", GO + "; jdcloud-sdk-java's Instance has String"),
        "burstInfo": ("BurstInfo", GO + "; jdcloud-sdk-java's Instance has BurstInfo"),
        "resourceGroupId": ("string", GO + "; jdcloud-sdk-java's Instance has String"),
        "osType": ("OsType", GO + "; \"如linux或者windows\""),
        "cpuTopology": ("CpuTopology", GO + "; \"虚机CPU拓扑\", as InstanceSpec.cpuTopology"),
        "osVersion": ("string", GO + "; \"如7.6\""),
        "platform": ("string", GO + "; \"具体操作系统CentOS\""),
        "architecture": ("Architecture", GO + "; \"如x86_64\""),
        "hostGroup": ("HostGroup", GO + "; \"主机组详情\", the Go model HostGroup"),
        "autoReleaseTime": ("string", GO + "; a time such as \"2025-01-01 00:00:00\""),
        "bootMode": ("BootMode", GO + "; \"支持 bios uefi\""),
    },
    "InstanceDiskAttachment": {
        "diskCategory": "DiskCategory", "autoDelete": "boolean", "localDisk": "LocalDisk", "cloudDisk": "Disk",
        "deviceName": "string",
        "status": ("DiskAttachmentStatus", GO + "; the docs list the values"),
    },
    "LocalDisk": {"diskType": "DiskType", "diskSizeGB": "integer"},
    "Disk": {
        "diskId": "string", "az": "string", "name": "string", "description": "string", "diskType": "DiskType",
        "diskSizeGB": "integer", "iops": "integer", "throughput": "integer", "status": "DiskStatus",
        "attachments": "list<DiskAttachment>", "snapshotId": "string", "multiAttachable": "boolean",
        "encrypted": "boolean", "enabled": "boolean", "createTime": "string", "charge": "Charge", "tags": "list<Tag>",
        "snapshotPolicies": "list<SnapshotPolicy>", "resourceGroupId": "string", "canPutInRecycleBin": "boolean",
        "trashTime": "string",
    },
    "DiskAttachment": {
        "attachmentId": "string", "diskId": "string", "instanceType": "string", "instanceId": "string",
        "status": "DiskAttachmentStatus", "attachTime": "string",
    },
    "SnapshotPolicy": {
        k: (v, GO + "; jdcloud-sdk-net's SnapshotPolicy has " + n)
        for k, v, n in [
            ("id", "string", "string"), ("name", "string", "string"), ("pin", "string", "string"),
            ("interval", "integer", "int?"), ("effectiveTime", "string", "string"),
            ("lastTriggerTime", "string", "string"), ("nextTriggerTime", "string", "string"),
            ("snapshotLifecycle", "integer", "int?"), ("contactInfo", "ContactInfo", "ContactInfo"),
            ("createTime", "string", "string"), ("updateTime", "string", "string"), ("status", "integer", "int?"),
            ("diskCount", "integer", "int?"),
        ]
    },
    "ContactInfo": {"sms": "integer", "email": "integer", "personIds": "list<integer>", "groupIds": "list<integer>"},
    "Charge": {
        "chargeMode": "ChargeMode", "chargeStatus": "ChargeStatus", "chargeStartTime": "string",
        "chargeExpiredTime": "string",
        "chargeRetireTime": ("string", GO + "; an ISO 8601 time like chargeExpiredTime"),
    },
    "InstanceNetworkInterfaceAttachment": {
        "deviceIndex": "integer", "autoDelete": "boolean", "networkInterface": "InstanceNetworkInterface",
    },
    "InstanceNetworkInterface": {
        "networkInterfaceId": "string", "macAddress": "string", "vpcId": "string", "subnetId": "string",
        "securityGroups": "list<SecurityGroupSimple>", "sanityCheck": "integer", "primaryIp": "NetworkInterfacePrivateIp",
        "secondaryIps": "list<NetworkInterfacePrivateIp>",
        "ipv6Addresses": ("list<NetworkInterfaceIpv6Address>", GO + "; \"ipv6地址对象列表\", the SDK model NetworkInterfaceIpv6Address"),
    },
    "SecurityGroupSimple": {"groupId": "string", "groupName": "string"},
    "NetworkInterfacePrivateIp": {
        "privateIpAddress": ("string", GO + " (vm); jdcloud-sdk-net's NetworkInterfacePrivateIp has string"),
        "elasticIpId": ("string", GO + " (vm); jdcloud-sdk-net's NetworkInterfacePrivateIp has string"),
        "elasticIpAddress": ("string", GO + " (vm); jdcloud-sdk-net's NetworkInterfacePrivateIp has string"),
    },
    "NetworkInterfaceIpv6Address": {
        "ipv6Id": ("string", "in no stored SDK but Python's; an ID"),
        "ipv6Address": ("string", "in no stored SDK but Python's; an IPv6 address"),
    },
    "RdmaNetworkInterface": {"macAddress": "string", "ipAddress": "list<string>"},
    "ImageCharge": {"chargeInfo": "ImageChargeInfo", "chargeConfig": "Charge"},
    "ImageChargeInfo": {"serviceCode": "string", "formula": "list<string>"},
    "Ag": {"name": "string", "id": "string"},
    "Policy": {"policyId": "string", "policyType": "string"},
    "BurstInfo": {"burstMode": "BurstMode", "creditChargeStatus": "string"},
    "HostGroup": {"hostGroupId": "string", "hostGroupName": "string"},
    "Image": {
        "imageId": "string", "name": "string", "platform": "Platform", "osVersion": "string",
        "architecture": "Architecture", "systemDiskSizeGB": "integer", "imageSource": "ImageSource", "osType": "OsType",
        "status": "ImageStatus", "createTime": "string", "sizeMB": "integer", "desc": "string", "ownerPin": "string",
        "loginName": "string", "launchPermission": "LaunchPermission", "systemDisk": "InstanceDiskAttachment",
        "dataDisks": "list<InstanceDiskAttachment>", "snapshotId": "string", "rootDeviceType": "RootDeviceType",
        "progress": "string", "offline": "boolean", "serviceCode": "string", "imported": "boolean",
        "expiredTime": "string", "instanceId": "string", "bootMode": "BootMode", "chargeInfo": "ImageChargeInfo",
    },
    "ImageConstraint": {"imageId": "string", "imageInstanceTypeConstraint": "ImageInstanceTypeConstraint"},
    "ImageInstanceTypeConstraint": {"constraintsType": "ConstraintsType", "instanceTypes": "list<string>"},
    "InstanceType": {
        "family": "string", "instanceType": "string", "cpu": "integer",
        "architecture": ("Architecture", GO + "; \"取值范围：x86_64、arm64\""),
        "memoryMB": "integer", "nicLimit": "integer",
        "cloudDiskCountLimit": ("integer", GO + "; a count (\"支持挂载的云硬盘数量\")"),
        "desc": "string", "state": "list<InstanceTypeState>",
        "rdma": ("Rdma", GO + "; \"RDMA配置\", the Go model Rdma"),
        "localDisks": ("list<LocalDisk>", GO + "; jdcloud-sdk-java's InstanceType has List<LocalDisk>"),
        "generation": ("integer", GO + "; jdcloud-sdk-java's InstanceType has Integer"),
        "burstInfo": ("InstanceTypeBurstInfo", GO + "; \"突发型规格信息\", the Go model InstanceTypeBurstInfo"),
        "cloudDiskTypes": ("list<string>", GO + "; \"支持的云盘类型\", a list of disk type names"),
    },
    "InstanceTypeState": {"az": "string", "inStock": "boolean", "availableCount": "integer"},
    "Rdma": {"count": "integer", "bandwidthGbps": "integer"},
    "InstanceTypeBurstInfo": {"creditsEarnedPerHour": "float", "basePerformance": "float"},
    "InstanceStatus": {"instanceId": "string", "status": "VmStatus"},
    "InstancePrivateIpAddress": {"instanceId": "string", "privateIpAddress": "string"},
    "Quota": {"resourceType": "QuotaResourceType", "limit": "integer", "used": "integer"},
    "CopyImage": {"destinationImageId": "string", "sourceImageId": "string"},
}

# Where each structure's Python model lives (service, class); default ("vm", name).
PY_MODEL = {
    "DiskSpec": ("disk", "DiskSpec"), "Disk": ("disk", "Disk"), "DiskAttachment": ("disk", "DiskAttachment"),
    "SnapshotPolicy": ("disk", "SnapshotPolicy"), "ContactInfo": ("disk", "ContactInfo"),
    "Charge": ("charge", "Charge"), "ChargeSpec": ("charge", "ChargeSpec"), "Filter": ("common", "Filter"),
}

SHAPE_DOCS = {
    "InstanceSpec": "创建云主机的实例配置", "BurstSpec": "突发型实例参数配置", "ElasticIpSpec": "弹性公网IP配置",
    "ChargeSpec": "计费配置", "InstanceNetworkInterfaceAttachmentSpec": "创建云主机时的网卡配置",
    "NetworkInterfaceSpec": "弹性网卡配置", "InstanceDiskAttachmentSpec": "创建云主机或镜像时的磁盘配置",
    "DiskSpec": "云硬盘配置", "Metadata": "用户自定义元数据（键值对）", "Userdata": "自定义脚本（键值对）",
    "Tag": "标签", "TagFilter": "标签过滤条件", "Filter": "过滤条件", "CpuTopology": "虚机CPU拓扑",
    "Socket": "CPU socket", "Core": "CPU core", "Thread": "CPU 线程", "Numa": "NUMA 节点",
    "InstanceDiskAttribute": "云主机挂载的云硬盘属性", "InstanceNetworkAttribute": "云主机挂载的弹性网卡属性",
    "Instance": "云主机实例信息", "InstanceDiskAttachment": "云主机挂载的磁盘", "LocalDisk": "本地磁盘",
    "Disk": "云硬盘", "DiskAttachment": "云硬盘挂载信息", "SnapshotPolicy": "云硬盘快照策略", "ContactInfo": "快照策略联系人信息",
    "Charge": "计费信息", "InstanceNetworkInterfaceAttachment": "云主机挂载的网卡",
    "InstanceNetworkInterface": "云主机网卡信息", "SecurityGroupSimple": "安全组简要信息",
    "NetworkInterfacePrivateIp": "网卡内网IP", "NetworkInterfaceIpv6Address": "网卡IPv6地址",
    "RdmaNetworkInterface": "RDMA网卡", "ImageCharge": "云主机使用镜像的计费配置与信息", "ImageChargeInfo": "镜像计费配置",
    "Ag": "高可用组", "Policy": "自动任务策略", "BurstInfo": "突发型实例参数信息", "HostGroup": "主机组",
    "Image": "镜像信息", "ImageConstraint": "镜像的实例规格限制", "ImageInstanceTypeConstraint": "镜像对实例规格的约束",
    "InstanceType": "实例规格", "InstanceTypeState": "实例规格在可用区的售卖状态", "Rdma": "RDMA配置",
    "InstanceTypeBurstInfo": "突发型规格信息", "InstanceStatus": "云主机状态", "InstancePrivateIpAddress": "云主机内网主IP地址",
    "Quota": "配额", "CopyImage": "镜像复制结果",
}

# Request parameters' types (Go request structs, jdcloud-sdk-js @param, jdcloud_cli help).
OP_INPUT_TYPES = {
    "AssociateElasticIp": {"elasticIpId": "string"},
    "AttachDisk": {"diskId": "string", "deviceName": "string", "autoDelete": "boolean"},
    "AttachNetworkInterface": {"networkInterfaceId": "string", "autoDelete": "boolean"},
    "CopyImages": {
        "sourceImageIds": "list<string>", "destinationRegion": "string",
        "name": ("string", "not in the stored Go/JS SDKs nor the CLI; a name"),
        "description": ("string", "not in the stored Go/JS SDKs nor the CLI; a description"),
    },
    "CreateImage": {"name": "string", "description": "string", "dataDisks": "list<InstanceDiskAttachmentSpec>"},
    "CreateInstances": {"instanceSpec": "InstanceSpec", "maxCount": "integer", "clientToken": "string"},
    "DeleteImage": {"deleteSnapshot": "boolean"},
    "DeleteInstance": {
        "deletePrimaryNetworkInterfaceAllElasticIp": ("boolean", "not in the stored Go/JS SDKs nor the CLI; \"可选值：true，false\""),
    },
    "DescribeImageConstraintsBatch": {"ids": "list<string>"},
    "DescribeImages": {
        "imageSource": "ImageSource", "offline": "boolean", "platform": "Platform", "ids": "list<string>",
        "imageName": "string", "rootDeviceType": "RootDeviceType", "launchPermission": "LaunchPermission",
        "status": "ImageStatus", "serviceCode": "string", "architecture": "Architecture", "pageNumber": "integer",
        "pageSize": "integer",
        "instanceIds": ("list<string>", "not in the stored Go/JS SDKs nor the CLI; plural \"虚机ID\" like `ids`"),
        "bootMode": ("BootMode", "not in the stored Go/JS SDKs nor the CLI; \"支持范围：bios、uefi\""),
    },
    "DescribeInstancePrivateIpAddress": {"pageNumber": "integer", "pageSize": "integer", "filters": "list<Filter>"},
    "DescribeInstanceStatus": {"pageNumber": "integer", "pageSize": "integer", "filters": "list<Filter>"},
    "DescribeInstanceTypes": {
        "serviceName": "string",
        "chargeMode": ("ChargeMode", "not in the stored Go/JS SDKs nor the CLI; \"目前支持postpaid_by_spot\""),
        "filters": "list<Filter>",
    },
    "DescribeInstances": {"pageNumber": "integer", "pageSize": "integer", "tags": "list<TagFilter>", "filters": "list<Filter>"},
    "DescribeQuotas": {"filters": "list<Filter>", "imageId": "string"},
    "DetachDisk": {"diskId": "string", "force": "boolean"},
    "DetachNetworkInterface": {"networkInterfaceId": "string"},
    "DisassociateElasticIp": {"elasticIpId": "string"},
    "ModifyImageAttribute": {"name": "string", "description": "string"},
    "ModifyInstanceAttribute": {
        "name": "string", "description": "string", "hostname": "string", "metadata": "list<Metadata>",
        "userdata": "list<Userdata>",
    },
    "ModifyInstanceDiskAttribute": {"dataDisks": "list<InstanceDiskAttribute>"},
    "ModifyInstanceNetworkAttribute": {"networks": "list<InstanceNetworkAttribute>"},
    "ModifyInstancePassword": {"password": "string"},
    "RebuildInstance": {
        "password": "string", "imageId": "string", "keyNames": "list<string>", "hostname": "string",
        "metadata": "list<Metadata>", "userdata": "list<Userdata>", "passWordAuth": "YesNo", "imageInherit": "YesNo",
    },
    "ResizeInstance": {"instanceType": "string", "force": "boolean"},
    "ShareImage": {
        "pins": "list<string>",
        "loginNames": ("list<string>", "not in the stored Go/JS SDKs nor the CLI; a list like `pins`"),
    },
    "StopInstance": {"chargeOnStopped": "ChargeOnStopped"},
    "UnShareImage": {
        "pins": "list<string>",
        "loginNames": ("list<string>", "not in the stored Go/JS SDKs nor the CLI; a list like `pins`"),
    },
}
PATH_DOCS = {"regionId": "地域ID。", "instanceId": "云主机ID。", "imageId": "镜像ID。"}

# Members of each response's `result` (Go `...Result` structs), with docs.
TOTAL = "本次查询可匹配到的总记录数，使用者需要结合 `pageNumber` 和 `pageSize` 计算是否可以继续分页。"
OP_OUTPUT = {
    "CopyImages": [("copyImages", "list<CopyImage>", "复制出的镜像列表。")],
    "CreateImage": [("imageId", "string", "镜像ID。")],
    "CreateInstances": [("instanceIds", "list<string>", "创建的云主机ID列表。")],
    "DescribeImage": [("image", "Image", "镜像信息。")],
    "DescribeImageConstraints": [("imageConstraints", "ImageConstraint", "镜像限制信息。")],
    "DescribeImageConstraintsBatch": [("imageConstraints", "list<ImageConstraint>", "镜像限制信息列表。")],
    "DescribeImageMembers": [("pins", "list<string>", "共享的目标用户pin列表。")],
    "DescribeImages": [("images", "list<Image>", "镜像列表。"), ("totalCount", "integer", TOTAL)],
    "DescribeInstance": [("instance", "Instance", "云主机详细信息。")],
    "DescribeInstancePrivateIpAddress": [
        ("instancePrivateIpAddress", "list<InstancePrivateIpAddress>", "云主机内网主IP地址列表。"), ("totalCount", "integer", TOTAL)],
    "DescribeInstanceStatus": [("instanceStatuses", "list<InstanceStatus>", "云主机状态列表。"), ("totalCount", "integer", TOTAL)],
    "DescribeInstanceTypes": [
        ("instanceTypes", "list<InstanceType>", "实例规格列表。"),
        ("specificInstanceTypes", "list<InstanceType>", "特定实例规格列表。"),
        ("totalCount", "integer", "本次查询到的所有实例规格数量。")],
    "DescribeInstanceVncUrl": [("vncUrl", "string", "远程vnc地址。")],
    "DescribeInstances": [("instances", "list<Instance>", "云主机列表。"), ("totalCount", "integer", TOTAL)],
    "DescribeQuotas": [("quotas", "list<Quota>", "配额列表。")],
}

# Enums: name -> (docs, document line or None, [(wire value, meaning)], comments).
L = None
ENUMS = {
    "VmStatus": ("云主机状态", 22, [
        ("pending", "创建中：调用创建云主机接口后的中间状态。"),
        ("starting", "启动中：调用启动云主机接口后的中间状态。"),
        ("running", "运行中：云主机稳定运行的状态。"),
        ("stopping", "停止中：调用停止云主机接口后的中间状态。"),
        ("stopped", "已停止：云主机处于完全关机的状态。"),
        ("rebooting", "重启中：调用重启云主机接口后的中间状态。"),
        ("rebuilding", "重置系统中：调用重置云主机系统接口后的中间状态。"),
        ("resizing", "变配中：调用变更云主机实例规格接口后的中间状态。"),
        ("deleting", "删除中：调用删除云主机接口后的中间状态。"),
        ("error", "错误：云主机内部出现未知系统异常导致云主机不可用。"),
    ], ["The document names running, stopped and error (lines 16, 22, 43, 47, 48); the values and",
        "meanings are JD Cloud's 云主机状态 table (virtual-machines/api/vm_status), which the SDK's",
        "`status` docs link. Its stored copy (lixuenan2333/en-1 API/Virtual-Machines/Help/Vm_Status.md,",
        "a copy of jdcloudcom/en) misspells `rebuilding` as `rebuildin`."]),
    "ImageStatus": ("镜像状态", 19, [
        ("pending", "创建中：调用创建私有镜像接口后的中间状态。"),
        ("ready", "可用：可以使用此镜像创建云主机等。"),
        ("deleting", "删除中：调用删除私有镜像接口后的中间状态。"),
        ("error", "错误：镜像本身或制作打包镜像时关联的快照出错，镜像不可用。"),
    ], ["The document names `ready` (line 19); the values are JD Cloud's 镜像状态 table",
        "(virtual-machines/api/image_status, linked from the SDK docs; stored copy:",
        "lixuenan2333/en-1 API/Virtual-Machines/Help/Image_Status.md)."]),
    "ImageSource": ("镜像来源", L, [
        ("public", "官方镜像。"), ("thirdparty", "镜像市场镜像。"), ("private", "用户自己的私有镜像。"),
        ("shared", "其他用户分享的镜像。"), ("community", "社区镜像。"),
    ], []),
    "Platform": ("镜像的操作系统平台名称", L, [
        ("Ubuntu", "Ubuntu"), ("CentOS", "CentOS"), ("Windows Server", "Windows Server"),
        ("Other Linux", "其他 Linux"), ("Other Windows", "其他 Windows"),
    ], []),
    "Architecture": ("CPU 架构", L, [("x86_64", "x86_64"), ("arm64", "arm64")], []),
    "OsType": ("操作系统类型", L, [("windows", "Windows"), ("linux", "Linux")], []),
    "RootDeviceType": ("镜像支持的系统盘类型", 18, [
        ("localDisk", "本地盘系统盘镜像。"), ("cloudDisk", "云盘系统盘镜像。"),
    ], []),
    "LaunchPermission": ("镜像的使用权限", L, [
        ("all", "没有限制，所有人均可以使用。"), ("specifiedUsers", "只有共享用户可以使用。"),
        ("ownerOnly", "镜像拥有者自己可以使用。"),
    ], []),
    "BootMode": ("启动模式", L, [("bios", "BIOS（默认）"), ("uefi", "UEFI")], []),
    "DiskCategory": ("磁盘分类", 20, [("local", "本地盘"), ("cloud", "云硬盘")], []),
    "DiskType": ("云硬盘（或本地盘）类型", 20, [
        ("ssd", "SSD云盘"), ("premium-hdd", "高效云盘"), ("ssd.gp1", "通用型SSD"), ("ssd.io1", "性能型SSD"),
        ("hdd.std1", "容量型HDD"), ("ssd.io2", "ssd.io2 类型云盘（SDK 只列出名称）"),
        ("ssd.gp2", "ssd.gp2 类型云盘（SDK 只列出名称）"),
    ], ["The document lists ssd and premium-hdd (line 20); the SDK's DiskSpec adds ssd.gp1, ssd.io1,",
        "hdd.std1, ssd.io2 and ssd.gp2. The names of the first five are the disk SDK's docs'."]),
    "DiskStatus": ("云硬盘状态", L, [
        ("creating", "创建中"), ("available", "可用"), ("in-use", "使用中"), ("extending", "扩容中"),
        ("restoring", "恢复中"), ("deleting", "删除中"), ("deleted", "已删除"), ("error_create", "创建失败"),
        ("error_delete", "删除失败"), ("error_restore", "恢复失败"), ("error_extend", "扩容失败"),
        ("in-recyclebin", "在回收站中"),
    ], []),
    "DiskAttachmentStatus": ("磁盘挂载状态", L, [
        ("attaching", "挂载中"), ("detaching", "卸载中"), ("attached", "已挂载"), ("detached", "已卸载"),
        ("error_attach", "挂载失败"), ("error_detach", "卸载失败"),
    ], []),
    "ChargeMode": ("计费模式", L, [
        ("prepaid_by_duration", "预付费（包年包月）"), ("postpaid_by_usage", "按用量后付费"),
        ("postpaid_by_duration", "按配置后付费"), ("postpaid_by_spot", "抢占式实例（后付费）"),
    ], ["prepaid_by_duration, postpaid_by_usage and postpaid_by_duration are charge.ChargeSpec's;",
        "postpaid_by_spot is DescribeInstanceTypes.chargeMode's."]),
    "ChargeStatus": ("费用支付状态", L, [("normal", "正常"), ("overdue", "已到期"), ("arrear", "欠费")], []),
    "ChargeUnit": ("包年包月付费单位", L, [("month", "月"), ("year", "年")], []),
    "ChargeOnStopped": ("停机不计费模式", L, [
        ("keepCharging", "停机后保持计费，不释放资源。"), ("stopCharging", "停机后停止计费，释放实例资源。"),
    ], []),
    "YesNo": ("是否", L, [("yes", "是"), ("no", "否")], []),
    "ConstraintsType": ("镜像对实例规格的限制类型", L, [
        ("excludes", "不支持的实例规格。"), ("includes", "支持的实例规格。"),
    ], []),
    "QuotaResourceType": ("配额的资源类型", L, [
        ("instance", "云主机。"), ("instance_cpu", "云主机的CPU。"), ("instance_memory", "云主机的内存。"),
        ("instance_local_disk", "云主机的本地盘。"), ("keypair", "密钥。"), ("image", "镜像。"),
        ("instanceTemplate", "实例模板。"), ("imageShare", "共享镜像。"),
    ], []),
    "BurstMode": ("突发模式", L, [("standard", "标准模式"), ("unlimited", "无限模式")], []),
}

# Constraints and comments: (shape or operation, member) -> [(key, YAML value)] / [comment lines].
PAGE_NUMBER = [("default", "1")]
PAGE_SIZE = [("default", "20"), ("range", "{min: 10, max: 100}")]
PASSWORD = [("length", "{min: 8, max: 30}"), ("sensitive", "true")]
HOSTNAME = [("length", "{min: 2, max: 64}")]
HOSTNAME_NOTE = ["length: the outer bounds (Windows 2-15, Linux 2-64 characters); the rest stays in docs."]
CONSTRAINTS = {
    ("InstanceSpec", "name"): [("length", "{min: 2, max: 128}")],
    ("InstanceSpec", "hostname"): HOSTNAME,
    ("InstanceSpec", "password"): PASSWORD,
    ("InstanceSpec", "keyNames"): [("max_items", "1")],
    ("InstanceSpec", "metadata"): [("max_items", "40")],
    ("InstanceSpec", "description"): [("length", "{max: 256}")],
    ("InstanceSpec", "userTags"): [("max_items", "10")],
    ("InstanceSpec", "isManaged"): [("default", "false")],
    ("InstanceSpec", "chargeOnStopped"): [("default", "keepCharging")],
    ("InstanceSpec", "passwordAuth"): [("default", "\"yes\"")],
    ("InstanceSpec", "imageInherit"): [("default", "\"no\"")],
    ("ElasticIpSpec", "bandwidthMbps"): [("range", "{min: 1, max: 1000}")],
    ("ChargeSpec", "chargeMode"): [("default", "postpaid_by_duration")],
    ("ChargeSpec", "chargeUnit"): [("default", "month")],
    ("ChargeSpec", "chargeDuration"): [("range", "{min: 1, max: 9}")],
    ("ChargeSpec", "autoRenew"): [("default", "false")],
    ("ChargeSpec", "autoChangeChargeMode"): [("default", "false")],
    ("InstanceNetworkInterfaceAttachmentSpec", "autoDelete"): [("default", "false")],
    ("NetworkInterfaceSpec", "networkInterfaceName"): [("length", "{min: 1, max: 32}")],
    ("NetworkInterfaceSpec", "securityGroups"): [("max_items", "5")],
    ("NetworkInterfaceSpec", "sanityCheck"): [("default", "1"), ("allowed", "[0, 1]")],
    ("NetworkInterfaceSpec", "description"): [("length", "{max: 256}")],
    ("InstanceDiskAttachmentSpec", "autoDelete"): [("default", "false")],
    ("DiskSpec", "diskSizeGB"): [("range", "{min: 20}")],
    ("DiskSpec", "multiAttachable"): [("default", "false")],
    ("DiskSpec", "encrypt"): [("default", "false")],
    ("Metadata", "key"): [("length", "{max: 256}")],
    ("Userdata", "key"): [("allowed", "[launch-script]")],
    ("Tag", "key"): [("length", "{max: 127}")],
    ("Tag", "value"): [("length", "{max: 255}")],
    ("Filter", "operator"): [("default", "eq")],
    ("InstanceDiskAttribute", "autoDelete"): [("default", "false")],
    ("InstanceNetworkAttribute", "autoDelete"): [("default", "false")],
    ("AttachDisk", "autoDelete"): [("default", "false")],
    ("AttachNetworkInterface", "autoDelete"): [("default", "false")],
    ("CopyImages", "sourceImageIds"): [("max_items", "10")],
    ("CopyImages", "name"): [("length", "{min: 1, max: 32}")],
    ("CopyImages", "description"): [("length", "{max: 256}")],
    ("CreateImage", "name"): [("length", "{min: 2, max: 32}")],
    ("CreateImage", "description"): [("length", "{max: 256}")],
    ("CreateInstances", "maxCount"): [("default", "1"), ("range", "{min: 1, max: 100}")],
    ("CreateInstances", "clientToken"): [("length", "{max: 64}"), ("idempotency_token", "true")],
    ("DeleteImage", "deleteSnapshot"): [("default", "false")],
    ("DeleteInstance", "deletePrimaryNetworkInterfaceAllElasticIp"): [("default", "false")],
    ("DescribeImages", "pageNumber"): PAGE_NUMBER,
    ("DescribeImages", "pageSize"): PAGE_SIZE,
    ("DescribeImages", "bootMode"): [("default", "bios")],
    ("DescribeInstancePrivateIpAddress", "pageNumber"): PAGE_NUMBER,
    ("DescribeInstancePrivateIpAddress", "pageSize"): PAGE_SIZE,
    ("DescribeInstanceStatus", "pageNumber"): PAGE_NUMBER,
    ("DescribeInstanceStatus", "pageSize"): PAGE_SIZE,
    ("DescribeInstances", "pageNumber"): PAGE_NUMBER,
    ("DescribeInstances", "pageSize"): PAGE_SIZE,
    ("DescribeInstanceTypes", "serviceName"): [("default", "vm"), ("allowed", "[vm, nc]")],
    ("DetachDisk", "force"): [("default", "false")],
    ("ModifyInstanceAttribute", "name"): [("length", "{min: 2, max: 128}")],
    ("ModifyInstanceAttribute", "description"): [("length", "{max: 256}")],
    ("ModifyInstanceAttribute", "hostname"): HOSTNAME,
    ("ModifyInstanceAttribute", "metadata"): [("max_items", "40")],
    ("ModifyInstancePassword", "password"): PASSWORD,
    ("RebuildInstance", "password"): PASSWORD,
    ("RebuildInstance", "keyNames"): [("max_items", "1")],
    ("RebuildInstance", "hostname"): HOSTNAME,
    ("RebuildInstance", "metadata"): [("max_items", "40")],
    ("RebuildInstance", "imageInherit"): [("default", "\"no\"")],
    ("ResizeInstance", "force"): [("default", "false")],
    ("ShareImage", "pins"): [("max_items", "20")],
    ("ShareImage", "loginNames"): [("max_items", "20")],
}
COMMENTS = {
    ("InstanceSpec", "hostname"): HOSTNAME_NOTE,
    ("ModifyInstanceAttribute", "hostname"): HOSTNAME_NOTE,
    ("RebuildInstance", "hostname"): HOSTNAME_NOTE,
    ("InstanceSpec", "dataDisks"): [
        "No max_items: the document says 8 data disks with a local system disk, 7 with a cloud one",
        "(lines 16, 20); the SDK says the instance type limits the cloud disks (cloudDiskCountLimit).",
        "The spec follows the SDK; the document's rule stays in the operations' docs."],
    ("ElasticIpSpec", "bandwidthMbps"): [
        "The document says [1-100] Mbps (line 20); the SDK says [1-1000] (按配置) or [1-200] (按流量).",
        "The spec follows the SDK, the newer statement of what the service accepts: range is the",
        "outer bound, the charge-mode-dependent bound stays in docs."],
    ("InstanceDiskAttachmentSpec", "autoDelete"): [
        "The document says data disks are deleted with the instance by default (line 20); the SDK",
        "says `false` is the default. The spec follows the SDK."],
    ("InstanceNetworkInterfaceAttachmentSpec", "deviceIndex"): [
        "The document says to set the primary interface's deviceIndex to 1 (line 20); the SDK says it",
        "need not and cannot be set when creating (the primary interface gets 1). Docs only."],
    ("NetworkInterfaceSpec", "securityGroups"): [
        "At most 5: the document (line 20) and the SDK agree. The document also says one is required",
        "and that the default group is used when none is given; the SDK makes it optional."],
    ("DiskSpec", "diskSizeGB"): [
        "The upper bound depends on diskType (and system disks are 40-500 GB, line 20): docs only."],
    ("ChargeSpec", "chargeDuration"): ["1-9 months or 1-3 years, by chargeUnit: range is the outer bound."],
    ("ShareImage", "pins"): ["max_items: a single image is shared with at most 20 accounts (document line 46)."],
    ("ShareImage", "loginNames"): ["max_items: a single image is shared with at most 20 accounts (document line 46)."],
}
OP_COMMENTS = {
    "ModifyInstanceAttribute": [
        "The document names only name and description; the SDK also sends hostname, metadata and userdata."],
    "RebuildInstance": [
        "The stored Go SDK (an older version) requires password; jdcloud-sdk 1.6.354 makes it optional:",
        "the spec follows the Python SDK."],
}

# ---------------------------------------------------------------------------------------


def clean_sdk_doc(text: str) -> str:
    text = text.strip()
    text = re.sub(r"^\(Optional\)\s*", "", text)
    text = re.sub(r"<br\s*/?>", "\n", text)
    text = re.sub(r"</?b>", "", text)
    text = re.sub(r"<a [^>]*>(.*?)</a>", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!~|<>/])", r"\1", text)
    text = re.sub("[\u200b\ufeff]", "", text)
    lines = [line.rstrip() for line in text.replace("\t", " ").split("\n")]
    return "\n".join(lines).strip()


def clean_doc_row(text: str) -> str:
    text = text.replace("<br></br>", "\n").replace("</br>", "\n")
    text = re.sub(r"</?b>", "", text)
    text = re.sub(r"<a [^>]*>(.*?)</a>", r"\1", text)
    text = text.replace("\\-", "-")
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def param_docs(docstring: str) -> dict:
    return {m.group(1): m.group(2) for m in re.finditer(r":param (\w+):(.*?)(?=\n\s*:param |\Z)", docstring, re.S)}


def document_rows():
    rows = []
    with open(DOC_PATH, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            m = re.match(r"\|\*\*(\w+)\*\*\|(\w+)\|(.*)\|\s*$", line)
            if m:
                rows.append((m.group(1), m.group(2), number, m.group(3)))
    return rows


def sdk_operation(name: str):
    module = importlib.import_module(f"{apis_pkg.__name__}.{name}Request")
    request = getattr(module, f"{name}Request")
    params = getattr(module, f"{name}Parameters")
    template, method = re.search(r"__init__\(\s*'([^']*)',\s*'(\w+)'", inspect.getsource(request.__init__)).groups()
    required = [p for p in inspect.signature(params.__init__).parameters if p != "self"]
    order = list(vars(params(*([None] * len(required)))))
    docs = {}
    for _, fn in inspect.getmembers(params, inspect.isfunction):
        docs.update({k: clean_sdk_doc(v) for k, v in param_docs(fn.__doc__ or "").items()})
    return method, "/v1" + template, order, set(required), docs


def sdk_model(shape: str):
    service, cls = PY_MODEL.get(shape, ("vm", shape))
    module = importlib.import_module(f"jdcloud_sdk.services.{service}.models.{cls}")
    model = getattr(module, cls)
    sig = inspect.signature(model.__init__)
    required = {p for p, v in sig.parameters.items() if p != "self" and v.default is inspect.Parameter.empty}
    order = re.findall(r"self\.(\w+) = \1\b", inspect.getsource(model.__init__))
    docs = {k: clean_sdk_doc(v) for k, v in param_docs(model.__init__.__doc__ or "").items()}
    return order, required, docs


PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}]*$")
YAML11_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


def scalar(text: str) -> str:
    if PLAIN.match(text) and not text.endswith(" ") and text.lower() not in YAML11_WORDS and not re.match(r"^[\d.+-]+$", text):
        return text
    return json.dumps(text, ensure_ascii=False)


def member_lines(indent: int, name: str, fields: list, docs: str, comments: list) -> list:
    pad = " " * indent
    out = [f"{pad}# {c}" for c in comments]
    flow = ", ".join(f"{k}: {v}" for k, v in fields)
    if docs and "\n" not in docs:
        flow_line = f"{pad}{name}: {{{flow}, docs: {scalar(docs)}}}"
        if len(flow_line) <= 150:
            return out + [flow_line]
    elif not docs:
        return out + [f"{pad}{name}: {{{flow}}}"]
    out.append(f"{pad}{name}:")
    out += [f"{pad}  {k}: {v}" for k, v in fields]
    if "\n" in docs or len(docs) > 100:
        out.append(f"{pad}  docs: |")
        out += [f"{pad}    {line}" if line else "" for line in docs.split("\n")]
    else:
        out.append(f"{pad}  docs: {scalar(docs)}")
    return out


def typed(value):
    return value if isinstance(value, tuple) else (value, None)


KEY_ORDER = ["type", "required", "location", "default", "range", "length", "allowed", "min_items", "max_items",
             "sensitive", "idempotency_token"]


def member(indent: int, scope: str, name: str, ty: str, required: bool, location, docs: str, note) -> list:
    fields = [("type", ty)]
    if required:
        fields.append(("required", "true"))
    if location:
        fields.append(("location", location))
    fields += CONSTRAINTS.get((scope, name), [])
    fields.sort(key=lambda kv: KEY_ORDER.index(kv[0]))
    comments = list(COMMENTS.get((scope, name), []))
    if note:
        comments.append(f"type inferred: {note}")
    if docs == "null":  # disk.Disk.tags
        docs = ""
    return member_lines(indent, name, fields, docs, comments)


def enum_lines(name: str) -> list:
    docs, line, values, comments = ENUMS[name]
    out = [f"  # {c}" for c in comments]
    out.append(f"  {name}:")
    out.append("    type: enum")
    out.append(f"    docs: {scalar(docs)}")
    if line:
        out.append(f"    source: {{doc: {DOC}, line: {line}, sdk: {SDK}}}")
    else:
        out.append(f"    source: {{sdk: {SDK}}}")
    out.append("    values:")
    out += [f"      {scalar(v)}: {scalar(m)}" for v, m in values]
    return out


def main() -> None:
    lines = []
    rows = document_rows()
    assert len(rows) == 35, len(rows)
    lines.append("shapes:")
    for name in ENUMS:
        lines += enum_lines(name)
    for shape in sorted(TYPES):
        order, required, docs = sdk_model(shape)
        assert set(order) == set(TYPES[shape]), (shape, set(order) ^ set(TYPES[shape]))
        lines.append(f"  {shape}:")
        lines.append("    type: structure")
        lines.append(f"    docs: {scalar(SHAPE_DOCS[shape])}")
        lines.append(f"    source: {{sdk: {SDK}}}")
        lines.append("    members:")
        for m in order:
            ty, note = typed(TYPES[shape][m])
            lines += member(6, shape, m, ty, m in required, None, docs.get(m, ""), note)
    lines.append("")
    lines.append("operations:")
    for action, doc_method, line_no, description in rows:
        name = action[0].upper() + action[1:]
        method, path, order, required, docs = sdk_operation(name)
        lines += [f"  # {c}" for c in OP_COMMENTS.get(name, [])]
        lines.append(f"  {name}:")
        lines.append("    docs: |")
        lines += [f"      {l}" if l else "" for l in clean_doc_row(description).split("\n")]
        lines.append(f"    source: {{doc: {DOC}, line: {line_no}, sdk: {SDK}}}")
        if method != doc_method:
            lines.append(f"    # The document says {doc_method}; the SDK sends {method}: the spec follows the SDK.")
        lines.append(f"    http: {{method: {method}, path: \"{path}\"}}")
        types = OP_INPUT_TYPES.get(name, {})
        assert set(types) == set(order) - {p for p in order if "{" + p + "}" in path}, (name, set(types) ^ set(order))
        lines.append("    input:")
        for param in order:
            if "{" + param + "}" in path:
                lines += member(6, name, param, "string", True, "path", docs.get(param) or PATH_DOCS[param], None)
                continue
            ty, note = typed(types[param])
            lines += member(6, name, param, ty, param in required, None, docs.get(param, ""), note)
        if name in OP_OUTPUT:
            lines.append("    output:")
            for m, ty, doc in OP_OUTPUT[name]:
                lines += member(6, name + ".output", m, ty, False, None, doc, None)
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
