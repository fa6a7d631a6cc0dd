"""Made the FIRST DRAFT of specs/aliyun-ecs.yaml, nothing more.

It printed the `shapes:` and `operations:` of the draft from the official SDK
alibabacloud-ecs20140526 (request models, `to_map()` wire names, client placements, response
body models and their comments) plus the tables below (document lines, Chinese docs, enums,
constraints, comments). The header, the `service:` block and the top-level `errors:` were written
by hand, and specs/aliyun-ecs.yaml was then reviewed and edited by hand: the spec is the source
of truth, not this script. Keep it as a record of how the draft was made.

    /tmp/venv-ecs/bin/python specs/tools/aliyun_ecs_bootstrap.py > /tmp/aliyun-ecs.draft.yaml
"""

import inspect
import json
import os
import re
import sys
import typing
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "fixtures", "aliyun"))

from extract_swas_sdk import sdk_operations  # noqa: E402

import alibabacloud_ecs20140526.client as client_mod  # noqa: E402
import alibabacloud_ecs20140526.models as models  # noqa: E402
from darabonba.model import DaraModel  # noqa: E402

DOC = "002_f0be29b3ba64e6a7.txt"
SDK = "alibabacloud-ecs20140526"

# Operation: (the line where the document first calls or names it, Chinese docs), in flow order.
OPS = {
    "DescribeRegions": (690, "查询可用地域列表\n创建实例前先查询 ECS 实例启动的阿里云地域。"),
    "DescribeImages": (161, "查询可用的镜像资源\n例如 ImageOwnerAlias=system 查询公共镜像。"),
    "DescribeAvailableResource": (372, "查询可用区的资源库存（可用实例规格、I/O 优化、磁盘等）\n新建实例前的准备工作：按地域、可用区、计费方式、规格等条件查询资源供给情况。"),
    "DescribeInstanceTypes": (692, "查询实例规格列表\n文档以此查询创建实例使用的实例规格（如 ecs.g5.large）。"),
    "DescribeSecurityGroups": (693, "查询安全组列表\n安全组的网络类型决定新建实例的网络类型。"),
    "CreateSecurityGroup": (1887, "创建安全组\n安全组相当于虚拟防火墙，通过安全组规则控制实例的网络出入请求。"),
    "RunInstances": (683, "批量创建并自动启动 ECS 实例（单次最多 100 台）\n实例创建后自动变为 Starting 再变为 Running，无需调用 StartInstance；设置 InternetMaxBandwidthOut 时自动分配公网 IP；可用 AutoReleaseTime 设置自动释放时间。"),
    "DescribeSpotPriceHistory": (818, "查询抢占式实例的历史价格\n最多允许获取 30 天内的价格变化；以 Offset/NextOffset 分页。"),
    "CreateInstance": (818, "创建一台 ECS 实例（包年包月、按量付费或抢占式）\n创建成功后实例默认为 Stopped 状态，需调用 StartInstance 启动；不分配公网 IP，需调用 AllocatePublicIpAddress。"),
    "AllocatePublicIpAddress": (1980, "为实例分配公网 IP 地址\n创建实例时指定了公网带宽、又需要公网访问时调用。"),
    "StartInstance": (1458, "启动实例\n仅 Stopped 状态的实例可以执行 StartInstance 操作。"),
    "StopInstance": (1912, "停止实例\n仅 Running 状态的实例可以执行 StopInstance 操作。"),
    "DescribeInstances": (1058, "查询实例列表及详情\n可按实例 ID（JSON 数组）、网络类型、计费方式、标签、过期时间等条件筛选。"),
    "DescribeInstanceStatus": (1462, "批量查询实例状态\n创建实例后根据实例 ID 轮询实例状态。"),
    "DescribeDisks": (2191, "查询块存储（云盘、本地盘）列表"),
    "DescribeResourcesModification": (2721, "查询变更实例配置（实例规格、系统盘类型）时的可用资源\n升降配（ModifyInstanceSpec、ModifyPrepayInstanceSpec）前的准备工作。"),
    "ModifyInstanceSpec": (1273, "变更按量付费实例的实例规格和公网带宽\n按量付费实例不能处于欠费状态；实例须处于已停止（Stopped）状态。"),
    "ModifyPrepayInstanceSpec": (1273, "变更包年包月实例的实例规格（升级或降配）\n包年包月实例不能处于过期状态。"),
    "DescribeInstanceAutoRenewAttribute": (2491, "查询包年包月实例的自动续费状态\n一次最多查询 100 个包年包月实例，实例 ID 以逗号连接；按量付费实例会报错。"),
    "ModifyInstanceAutoRenewAttribute": (2494, "设置或取消包年包月实例的自动续费"),
    "RenewInstance": (2496, "续费包年包月实例\n只支持包年包月实例，执行同步扣费和订单生成，需保证账号余额或信用额度充足。"),
    "ModifyInstanceAutoReleaseTime": (2227, "设置或取消按量付费实例的自动释放时间\n不设置 AutoReleaseTime 即取消自动释放。"),
    "DeleteInstance": (1376, "释放一台按量付费实例或到期的包年包月实例\n实例须为 Stopped 状态，或设置 Force=true 强制释放。释放后数据永久不可恢复。"),
    "DeleteInstances": (1438, "批量释放实例"),
}

# Request members the document's code sets: (op, wire) -> the document line.
MEMBER_LINES = {
    "DescribeImages": {"RegionId": 342, "ImageOwnerAlias": 217, "PageNumber": 344, "PageSize": 345},
    "DescribeAvailableResource": {"RegionId": 403, "InstanceChargeType": 404, "DestinationResource": 406, "ZoneId": 418,
                                  "IoOptimized": 421, "SpotStrategy": 520, "InstanceType": 576, "NetworkCategory": 638,
                                  "SystemDiskCategory": 882},
    "RunInstances": {"RegionId": 728, "ImageId": 729, "InstanceType": 730, "SecurityGroupId": 731, "VSwitchId": 732,
                     "InstanceName": 733, "Description": 734, "InternetMaxBandwidthOut": 739, "InternetChargeType": 740,
                     "ClientToken": 741, "DataDisk": 751, "Amount": 1531, "MinAmount": 755, "Tag": 763, "DryRun": 766,
                     "InstanceChargeType": 767, "AutoReleaseTime": 1539},
    "DescribeSpotPriceHistory": {"RegionId": 945, "ZoneId": 947, "InstanceType": 949, "NetworkType": 951,
                                 "StartTime": 953, "EndTime": 955, "Offset": 956},
    "CreateInstance": {"RegionId": 1003, "ZoneId": 1005, "SecurityGroupId": 1007, "ImageId": 1009, "VSwitchId": 1011,
                       "InstanceType": 1014, "SystemDisk": 1017, "InstanceChargeType": 1021, "SpotStrategy": 1029,
                       "SpotPriceLimit": 1031, "IoOptimized": 1796, "Period": 1818},
    "DescribeInstances": {"RegionId": 1072, "InstanceIds": 1074, "InstanceNetworkType": 1220, "InstanceChargeType": 1221,
                          "InternetChargeType": 1222, "PageSize": 1223, "Filter": 2523, "SecurityGroupId": 2530,
                          "PageNumber": 2531},
    "ModifyPrepayInstanceSpec": {"RegionId": 1304, "InstanceId": 1305, "InstanceType": 1307},
    "ModifyInstanceSpec": {"InstanceId": 1351, "InstanceType": 1353},
    "DeleteInstance": {"InstanceId": 1410, "Force": 2289},
    "StartInstance": {"InstanceId": 1844},
    "StopInstance": {"InstanceId": 1947, "ForceStop": 2248},
    "ModifyInstanceAutoReleaseTime": {"InstanceId": 2308, "AutoReleaseTime": 2310},
    "DescribeInstanceAutoRenewAttribute": {"InstanceId": 2537},
    "ModifyInstanceAutoRenewAttribute": {"Duration": 2557, "AutoRenew": 2558, "InstanceId": 2559},
    "RenewInstance": {"Period": 2577, "InstanceId": 2578},
    "DescribeResourcesModification": {"ResourceId": 2867, "MigrateAcrossZone": 2868, "OperationType": 2869,
                                      "DestinationResource": 2822, "InstanceType": 2829},
}

# What the document says about a member, in its words (put before the SDK's docs).
DOC_WORDS = {
    ("RunInstances", "Amount"): "批量创建ECS实例的数量，取值范围：1-100，默认值：1。如果不设置该参数，默认创建一台ECS实例。",
    ("RunInstances", "MinAmount"): "如果缺少库存可以接受的最低创建数量。",
    ("RunInstances", "AutoReleaseTime"): "自动释放时间。使用UTC时间，格式为 yyyy-MM-ddTHH:mm:ssZ。最短释放时间为当前时间半小时之后；最长释放时间不能超过当前时间三年。",
    ("RunInstances", "DryRun"): "打开预检参数功能，不会实际创建ECS实例，只检查参数正确性、用户权限或者ECS库存等问题。设置了DryRun参数后，Amount必须为1，MinAmount必须为空。",
    ("RunInstances", "InternetMaxBandwidthOut"): "创建实例时指定了InternetMaxBandwidthOut，则自动为您分配公网IP。",
    ("RunInstances", "DataDisk"): "数据盘，例如类型为SSD云盘、容量为100GiB并开启随ECS实例释放。",
    ("DescribeAvailableResource", "DestinationResource"): "若参数DestinationResource取值为InstanceType，则必须传入参数IoOptimized。",
    ("DescribeAvailableResource", "InstanceChargeType"): "包年包月（包含按周）传PrePaid；按量付费不设置或设置为PostPaid。",
    ("DescribeAvailableResource", "SpotStrategy"): "包年包月时不设置或设置为NoSpot；查询抢占式实例时设置为SpotWithPriceLimit或SpotAsPriceGo。",
    ("DescribeAvailableResource", "ZoneId"): "不设置可用区ID则默认查询所有可用区。",
    ("DescribeSpotPriceHistory", "StartTime"): "价格开始时间，选填（文档：默认3天内数据）。",
    ("DescribeSpotPriceHistory", "ZoneId"): "可用区（文档示例注释为必填，SDK 为可选）。",
    ("CreateInstance", "SpotPriceLimit"): "在SpotStrategy设置的SpotWithPriceLimit出价模式中，您能接受的最高价格，必须高于市场成交价才能运行实例。",
    ("CreateInstance", "SpotStrategy"): "SpotWithPriceLimit表示出价模式；SpotAsPriceGo表示不用出价，价格上限为按量付费价格，无需设置SpotPriceLimit。",
    ("CreateInstance", "IoOptimized"): "选择I/O优化实例则传入 optimized。",
    ("CreateInstance", "InstanceChargeType"): "抢占式实例须设置为按量付费（PostPaid）；包年包月须同时指定 Period。",
    ("DescribeInstances", "InstanceIds"): "通过传入JSON数组格式的String参数来查询实例。",
    ("DescribeInstances", "PageSize"): "建议根据您的云资源使用情况设置PageSize参数，查询结果内容较多时将其缩小。",
    ("DescribeInstances", "Filter"): "过滤条件，例如 ExpiredStartTime、ExpiredEndTime（UTC，格式 yyyy-MM-ddTHH:mmZ）查询一定时间范围内到期的实例。",
    ("DescribeImages", "ImageOwnerAlias"): "设置为system，表示查询公共镜像。",
    ("StopInstance", "ForceStop"): "若设置为true，类似于断电，直接停止ECS实例，但不承诺数据能写到磁盘中。",
    ("DeleteInstance", "Force"): "设置为true将执行强制释放，即使ECS实例不是Stopped状态也可以释放。",
    ("ModifyInstanceAutoReleaseTime", "AutoReleaseTime"): "自动释放时间按照ISO8601标准表示，使用UTC时间，格式为yyyy-MM-ddTHH:mm:ssZ。如果秒不是00，则自动取为当前分钟开始计时。范围：当前时间后30分钟~当前时间起3年。为空即取消自动释放。",
    ("DescribeInstanceAutoRenewAttribute", "InstanceId"): "支持最多查询100个包年包月的实例，多个实例ID以逗号连接。",
    ("ModifyInstanceAutoRenewAttribute", "InstanceId"): "支持最多100个包年包月的实例，多个实例ID以逗号连接。",
    ("ModifyInstanceAutoRenewAttribute", "Duration"): "文档：支持1、2、3、6、12，单位为月（SDK 另有 Week/Year 与更长的时长）。",
    ("ModifyInstanceAutoRenewAttribute", "AutoRenew"): "true为开启自动续费，false为取消自动续费。",
    ("DescribeResourcesModification", "MigrateAcrossZone"): "可以实现跨系列更改配置，默认值：False。请慎用。",
    ("DescribeResourcesModification", "InstanceType"): "当参数DestinationResource取值为SystemDisk，必须同时指定InstanceType参数。",
    ("DescribeResourcesModification", "OperationType"): "更改配置的操作类型。",
    ("ModifyPrepayInstanceSpec", "InstanceType"): "新的实例规格，支持升级实例规格和降配实例规格。",
    ("ModifyInstanceSpec", "InstanceType"): "新的实例规格，支持升级实例规格和降配实例规格。",
    ("RenewInstance", "Period"): "续费时长，例如 1（个月）。",
}

# Enums: name -> (docs, document line or None, {value: meaning}).
ENUMS = {
    "InstanceChargeType": ("实例的计费方式", 391, {"PrePaid": "包年包月（预付费，包含按周）", "PostPaid": "按量付费"}),
    "SpotStrategy": ("按量付费实例的抢占策略", 391, {"NoSpot": "正常按量付费实例", "SpotWithPriceLimit": "设置上限价格的抢占式实例", "SpotAsPriceGo": "系统自动出价，跟随当前市场实际价格（上限为按量付费价格）"}),
    "InternetChargeType": ("公网带宽计费方式", 740, {"PayByBandwidth": "按固定带宽计费", "PayByTraffic": "按使用流量计费"}),
    "DiskCategory": ("云盘（磁盘）类型", 1016, {
        "cloud": "普通云盘", "cloud_efficiency": "高效云盘", "cloud_ssd": "SSD云盘", "cloud_essd": "ESSD云盘",
        "cloud_auto": "ESSD AutoPL云盘", "cloud_essd_entry": "ESSD Entry云盘", "cloud_regional_disk_auto": "ESSD同城冗余云盘",
        "elastic_ephemeral_disk_standard": "弹性临时盘-标准版", "elastic_ephemeral_disk_premium": "弹性临时盘-高级版",
        "ephemeral_ssd": "本地SSD盘（已停售）", "ephemeral": "本地盘（已停售）", "local_ssd_pro": "I/O密集型本地盘",
        "local_hdd_pro": "吞吐密集型本地盘"}),
    "PerformanceLevel": ("ESSD 云盘的性能级别", None, {"PL0": "单盘最高随机读写IOPS 1万", "PL1": "单盘最高随机读写IOPS 5万（默认）", "PL2": "单盘最高随机读写IOPS 10万", "PL3": "单盘最高随机读写IOPS 100万"}),
    "NetworkType": ("网络类型", 883, {"vpc": "专有网络 VPC", "classic": "经典网络（已停售）"}),
    "IoOptimized": ("是否为 I/O 优化实例", 1796, {"none": "非I/O优化", "optimized": "I/O优化"}),
    "DestinationResource": ("DescribeAvailableResource 要查询的资源类型（依次为 Zone > IoOptimized > InstanceType = Network = ddh > SystemDisk > DataDisk）", 406, {
        "Zone": "可用区", "IoOptimized": "I/O优化", "InstanceType": "实例规格", "Network": "网络类型", "ddh": "专有宿主机",
        "SystemDisk": "系统盘", "DataDisk": "数据盘"}),
    "ModificationDestinationResource": ("DescribeResourcesModification 要变更的目标资源类型", 2794, {"InstanceType": "实例规格", "SystemDisk": "系统盘类型"}),
    "ModificationOperationType": ("更改配置的操作类型", 2798, {"Upgrade": "升级（包年包月与按量付费）", "Downgrade": "降配（包年包月）", "RenewDowngrade": "续费降配（包年包月）", "RenewModify": "过期实例的续费变配（包年包月）"}),
    "InstanceStatus": ("实例状态", 1458, {"Pending": "创建中", "Running": "运行中", "Starting": "启动中", "Stopping": "停止中", "Stopped": "已停止"}),
    "PeriodUnit": ("时长单位", None, {"Week": "周", "Month": "月", "Year": "年"}),
    "RenewalStatus": ("实例的自动续费状态", None, {"AutoRenewal": "已开启自动续费", "Normal": "已关闭自动续费", "NotRenewal": "不再续费（只在到期前三天发送不续费提醒）"}),
    "ImageOwnerAlias": ("镜像来源", 214, {"system": "阿里云提供的公共镜像", "self": "您创建的自定义镜像", "others": "其他阿里云用户共享的镜像或社区镜像", "marketplace": "镜像市场镜像"}),
    "ImageStatus": ("镜像状态", 299, {"Creating": "创建中", "Waiting": "多任务排队中", "Available": "可用", "UnAvailable": "不可用", "CreateFailed": "创建失败", "Deprecated": "已弃用"}),
    "OSType": ("操作系统类型", 284, {"windows": "Windows", "linux": "Linux"}),
    "Architecture": ("镜像的系统架构", 285, {"i386": "i386", "x86_64": "x86_64", "arm64": "arm64"}),
    "DiskStatus": ("磁盘状态", None, {"In_use": "使用中", "Available": "待挂载", "Attaching": "挂载中", "Detaching": "卸载中", "Creating": "创建中", "ReIniting": "初始化中"}),
    "DiskType": ("磁盘种类", None, {"system": "系统盘", "data": "数据盘"}),
    "SecurityGroupType": ("安全组类型", None, {"normal": "普通安全组", "enterprise": "企业安全组"}),
    "LockReason": ("资源被锁定的原因", 1087, {"financial": "因欠费被锁定", "security": "因安全原因被锁定", "Recycling": "抢占式实例待释放", "dedicatedhostfinancial": "因专有宿主机欠费导致实例被锁定", "refunded": "因退款被锁定"}),
    "SpotInterruptionBehavior": ("抢占式实例的中断模式", None, {"Terminate": "直接释放实例", "Stop": "实例进入节省停机模式"}),
    "StoppedMode": ("停止按量付费实例后的停机模式", None, {"StopCharging": "节省停机模式", "KeepCharging": "普通停机模式，停机后继续收费"}),
    "CreditSpecification": ("突发性能实例的运行模式", None, {"Standard": "标准模式", "Unlimited": "无性能约束模式"}),
    "AcceptLanguage": ("返回结果的语言", None, {"zh-CN": "简体中文", "zh-TW": "繁体中文", "en-US": "英文", "ja": "日文", "fr": "法文", "de": "德文", "ko": "韩文"}),
}

# Enum members: ("in", op, wire) for top-level inputs, ("shape", shape, member) for structures,
# ("out", op, wire) for top-level outputs.
ENUM_USES = {
    ("in", "CreateInstance", "InstanceChargeType"): "InstanceChargeType",
    ("in", "RunInstances", "InstanceChargeType"): "InstanceChargeType",
    ("in", "DescribeAvailableResource", "InstanceChargeType"): "InstanceChargeType",
    ("in", "DescribeInstances", "InstanceChargeType"): "InstanceChargeType",
    ("in", "CreateInstance", "SpotStrategy"): "SpotStrategy",
    ("in", "RunInstances", "SpotStrategy"): "SpotStrategy",
    ("in", "DescribeAvailableResource", "SpotStrategy"): "SpotStrategy",
    ("in", "CreateInstance", "InternetChargeType"): "InternetChargeType",
    ("in", "RunInstances", "InternetChargeType"): "InternetChargeType",
    ("in", "DescribeInstances", "InternetChargeType"): "InternetChargeType",
    ("in", "DescribeAvailableResource", "SystemDiskCategory"): "DiskCategory",
    ("in", "DescribeAvailableResource", "DataDiskCategory"): "DiskCategory",
    ("in", "DescribeAvailableResource", "NetworkCategory"): "NetworkType",
    ("in", "DescribeSpotPriceHistory", "NetworkType"): "NetworkType",
    ("in", "DescribeInstances", "InstanceNetworkType"): "NetworkType",
    ("in", "DescribeSecurityGroups", "NetworkType"): "NetworkType",
    ("in", "CreateInstance", "IoOptimized"): "IoOptimized",
    ("in", "RunInstances", "IoOptimized"): "IoOptimized",
    ("in", "DescribeAvailableResource", "IoOptimized"): "IoOptimized",
    ("in", "DescribeSpotPriceHistory", "IoOptimized"): "IoOptimized",
    ("in", "DescribeAvailableResource", "DestinationResource"): "DestinationResource",
    ("in", "DescribeResourcesModification", "DestinationResource"): "ModificationDestinationResource",
    ("in", "DescribeResourcesModification", "OperationType"): "ModificationOperationType",
    ("in", "DescribeInstances", "Status"): "InstanceStatus",
    ("in", "CreateInstance", "PeriodUnit"): "PeriodUnit",
    ("in", "RunInstances", "PeriodUnit"): "PeriodUnit",
    ("in", "RenewInstance", "PeriodUnit"): "PeriodUnit",
    ("in", "ModifyInstanceAutoRenewAttribute", "PeriodUnit"): "PeriodUnit",
    ("in", "DescribeInstanceAutoRenewAttribute", "RenewalStatus"): "RenewalStatus",
    ("in", "ModifyInstanceAutoRenewAttribute", "RenewalStatus"): "RenewalStatus",
    ("in", "DescribeImages", "ImageOwnerAlias"): "ImageOwnerAlias",
    ("in", "DescribeImages", "OSType"): "OSType",
    ("in", "DescribeSpotPriceHistory", "OSType"): "OSType",
    ("in", "DescribeImages", "Architecture"): "Architecture",
    ("in", "CreateSecurityGroup", "SecurityGroupType"): "SecurityGroupType",
    ("in", "DescribeSecurityGroups", "SecurityGroupType"): "SecurityGroupType",
    ("in", "DescribeInstances", "LockReason"): "LockReason",
    ("in", "CreateInstance", "SpotInterruptionBehavior"): "SpotInterruptionBehavior",
    ("in", "RunInstances", "SpotInterruptionBehavior"): "SpotInterruptionBehavior",
    ("in", "StopInstance", "StoppedMode"): "StoppedMode",
    ("in", "CreateInstance", "CreditSpecification"): "CreditSpecification",
    ("in", "RunInstances", "CreditSpecification"): "CreditSpecification",
    ("in", "DescribeRegions", "AcceptLanguage"): "AcceptLanguage",
}
# Structure members, by SDK class-name suffix -> {member: enum}; applied to the named shape.
SHAPE_ENUMS = {
    "CreateInstanceRequestSystemDisk": {"Category": "DiskCategory", "PerformanceLevel": "PerformanceLevel"},
    "CreateInstanceRequestDataDisk": {"Category": "DiskCategory", "PerformanceLevel": "PerformanceLevel"},
    "RunInstancesRequestSystemDisk": {"Category": "DiskCategory", "PerformanceLevel": "PerformanceLevel"},
    "RunInstancesRequestDataDisk": {"Category": "DiskCategory", "PerformanceLevel": "PerformanceLevel"},
    "ModifyInstanceSpecRequestSystemDisk": {"Category": "DiskCategory"},
    "ModifyPrepayInstanceSpecRequestSystemDisk": {"Category": "DiskCategory"},
    "DescribeInstancesResponseBodyInstancesInstance": {
        "Status": "InstanceStatus", "InstanceChargeType": "InstanceChargeType", "InternetChargeType": "InternetChargeType",
        "SpotStrategy": "SpotStrategy", "InstanceNetworkType": "NetworkType", "OSType": "OSType",
        "SpotInterruptionBehavior": "SpotInterruptionBehavior", "StoppedMode": "StoppedMode",
        "CreditSpecification": "CreditSpecification"},
    "DescribeInstancesResponseBodyInstancesInstanceOperationLocksLockReason": {"LockReason": "LockReason"},
    "DescribeInstanceStatusResponseBodyInstanceStatusesInstanceStatus": {"Status": "InstanceStatus"},
    "DescribeAvailableResourceResponseBodyAvailableZonesAvailableZoneAvailableResourcesAvailableResource": {"Type": "DestinationResource"},
    "DescribeResourcesModificationResponseBodyAvailableZonesAvailableZoneAvailableResourcesAvailableResource": {"Type": "ModificationDestinationResource"},
    "DescribeInstanceAutoRenewAttributeResponseBodyInstanceRenewAttributesInstanceRenewAttribute": {"PeriodUnit": "PeriodUnit", "RenewalStatus": "RenewalStatus"},
    "DescribeImagesResponseBodyImagesImage": {"Status": "ImageStatus", "ImageOwnerAlias": "ImageOwnerAlias", "OSType": "OSType", "Architecture": "Architecture"},
    "DescribeDisksResponseBodyDisksDisk": {"Category": "DiskCategory", "Status": "DiskStatus", "Type": "DiskType", "PerformanceLevel": "PerformanceLevel"},
    "DescribeDisksResponseBodyDisksDiskOperationLocksOperationLock": {"LockReason": "LockReason"},
    "DescribeSecurityGroupsResponseBodySecurityGroupsSecurityGroup": {"SecurityGroupType": "SecurityGroupType"},
    "DescribeSpotPriceHistoryResponseBodySpotPricesSpotPriceType": {"NetworkType": "NetworkType", "IoOptimized": "IoOptimized"},
}

# Constraints: (op, dotted wire path) -> keys. Paths into structures apply to the shape.
TAG20 = {"max_items": 20}
CONSTRAINTS = {
    ("CreateInstance", "Tag"): TAG20, ("RunInstances", "Tag"): TAG20, ("DescribeImages", "Tag"): TAG20,
    ("DescribeInstances", "Tag"): TAG20, ("DescribeDisks", "Tag"): TAG20, ("DescribeSecurityGroups", "Tag"): TAG20,
    ("CreateSecurityGroup", "Tag"): TAG20,
    ("CreateInstance", "DataDisk"): {"max_items": 16},
    ("CreateInstance", "Description"): {"length": {"min": 2, "max": 256}},
    ("CreateInstance", "InstanceName"): {"length": {"min": 2, "max": 128}},
    ("CreateInstance", "HostName"): {"length": {"min": 2, "max": 64}},
    ("CreateInstance", "Password"): {"length": {"min": 8, "max": 30}},
    ("CreateInstance", "InternetMaxBandwidthOut"): {"range": {"min": 0, "max": 100}, "default": 0},
    ("CreateInstance", "DeploymentSetGroupNo"): {"range": {"min": 1, "max": 7}},
    ("CreateInstance", "SpotDuration"): {"allowed": [0, 1], "default": 1},
    ("CreateInstance", "StorageSetPartitionNumber"): {"range": {"min": 2}},
    ("CreateInstance", "Period"): {"range": {"min": 1, "max": 60}},
    ("CreateInstance", "AutoRenewPeriod"): {"range": {"min": 1, "max": 12}},
    ("CreateInstance", "AutoRenew"): {"default": False},
    ("CreateInstance", "InstanceChargeType"): {"default": "PostPaid"},
    ("CreateInstance", "InternetChargeType"): {"default": "PayByTraffic"},
    ("CreateInstance", "PeriodUnit"): {"default": "Month"},
    ("CreateInstance", "SpotStrategy"): {"default": "NoSpot"},
    ("CreateInstance", "SpotInterruptionBehavior"): {"default": "Terminate"},
    ("CreateInstance", "DeletionProtection"): {"default": False},
    ("CreateInstance", "DryRun"): {"default": False},
    ("CreateInstance", "Affinity"): {"default": "default"},
    ("CreateInstance", "Tenancy"): {"default": "default"},
    ("CreateInstance", "HttpEndpoint"): {"default": "enabled"},
    ("CreateInstance", "HttpTokens"): {"default": "optional"},
    ("CreateInstance", "DataDisk.Description"): {"length": {"min": 2, "max": 256}},
    ("CreateInstance", "DataDisk.DiskName"): {"length": {"min": 2, "max": 128}},
    ("CreateInstance", "DataDisk.DeleteWithInstance"): {"default": True},
    ("CreateInstance", "DataDisk.Encrypted"): {"default": False},
    ("CreateInstance", "SystemDisk.Description"): {"length": {"min": 2, "max": 256}},
    ("CreateInstance", "SystemDisk.DiskName"): {"length": {"min": 2, "max": 128}},
    ("RunInstances", "Amount"): {"range": {"min": 1, "max": 100}, "default": 1},
    ("RunInstances", "MinAmount"): {"range": {"min": 1, "max": 100}},
    ("RunInstances", "DataDisk"): {"max_items": 16},
    ("RunInstances", "Description"): {"length": {"min": 2, "max": 256}},
    ("RunInstances", "InstanceName"): {"length": {"min": 2, "max": 128}},
    ("RunInstances", "HostName"): {"length": {"min": 2, "max": 64}},
    ("RunInstances", "ImageFamily"): {"length": {"min": 2, "max": 128}},
    ("RunInstances", "Password"): {"length": {"min": 8, "max": 30}},
    ("RunInstances", "InternetMaxBandwidthOut"): {"range": {"min": 0, "max": 100}, "default": 0},
    ("RunInstances", "Ipv6Address"): {"max_items": 10},
    ("RunInstances", "Ipv6AddressCount"): {"range": {"min": 1, "max": 10}},
    ("RunInstances", "DeploymentSetGroupNo"): {"range": {"min": 1, "max": 7}},
    ("RunInstances", "SpotDuration"): {"allowed": [0, 1], "default": 1},
    ("RunInstances", "StorageSetPartitionNumber"): {"range": {"min": 1}},
    ("RunInstances", "Period"): {"range": {"min": 1, "max": 60}},
    ("RunInstances", "AutoRenewPeriod"): {"range": {"min": 1, "max": 60}, "default": 1},
    ("RunInstances", "AutoPay"): {"default": True},
    ("RunInstances", "AutoRenew"): {"default": False},
    ("RunInstances", "InstanceChargeType"): {"default": "PostPaid"},
    ("RunInstances", "InternetChargeType"): {"default": "PayByTraffic"},
    ("RunInstances", "SpotStrategy"): {"default": "NoSpot"},
    ("RunInstances", "SpotInterruptionBehavior"): {"default": "Terminate"},
    ("RunInstances", "UniqueSuffix"): {"default": False},
    ("RunInstances", "PasswordInherit"): {"default": False},
    ("RunInstances", "DeletionProtection"): {"default": False},
    ("RunInstances", "Affinity"): {"default": "default"},
    ("RunInstances", "Tenancy"): {"default": "default"},
    ("RunInstances", "HttpEndpoint"): {"default": "enabled"},
    ("RunInstances", "HttpTokens"): {"default": "optional"},
    ("RunInstances", "DataDisk.Description"): {"length": {"min": 2, "max": 256}},
    ("RunInstances", "DataDisk.DiskName"): {"length": {"min": 2, "max": 128}},
    ("RunInstances", "DataDisk.DeleteWithInstance"): {"default": True},
    ("RunInstances", "SystemDisk.Description"): {"length": {"min": 2, "max": 256}},
    ("RunInstances", "SystemDisk.DiskName"): {"length": {"min": 2, "max": 128}},
    ("RunInstances", "NetworkInterface.Description"): {"length": {"min": 2, "max": 256}},
    ("RunInstances", "NetworkInterface.NetworkInterfaceName"): {"length": {"min": 2, "max": 128}},
    ("RunInstances", "NetworkInterface.Ipv6Address"): {"max_items": 10},
    ("RunInstances", "NetworkInterface.Ipv6AddressCount"): {"range": {"min": 1, "max": 10}},
    ("RunInstances", "NetworkInterface.SecondaryPrivateIpAddressCount"): {"range": {"min": 1, "max": 49}},
    ("RunInstances", "NetworkInterface.DeleteOnRelease"): {"default": True},
    ("RunInstances", "NetworkInterface.SourceDestCheck"): {"default": False},
    ("DescribeImages", "PageNumber"): {"range": {"min": 1}, "default": 1},
    ("DescribeImages", "PageSize"): {"range": {"min": 1, "max": 100}, "default": 10},
    ("DescribeImages", "IsPublic"): {"default": False},
    ("DescribeImages", "DryRun"): {"default": False},
    ("DescribeImages", "ActionType"): {"default": "CreateEcs"},
    ("DescribeInstanceAutoRenewAttribute", "PageNumber"): {"range": {"min": 1}, "default": 1},
    ("DescribeInstanceAutoRenewAttribute", "PageSize"): {"range": {"min": 1, "max": 100}, "default": 10},
    ("DescribeInstances", "InstanceIds"): {"max_items": 100},
    ("DescribeInstances", "PrivateIpAddresses"): {"max_items": 100},
    ("DescribeInstances", "InnerIpAddresses"): {"max_items": 100},
    ("DescribeInstances", "PublicIpAddresses"): {"max_items": 100},
    ("DescribeInstances", "EipAddresses"): {"max_items": 100},
    ("DescribeInstances", "DryRun"): {"default": False},
    ("DescribeInstances", "HttpEndpoint"): {"default": "enabled"},
    ("DescribeInstances", "HttpTokens"): {"default": "optional"},
    ("DescribeInstanceStatus", "InstanceId"): {"max_items": 100},
    ("DescribeInstanceStatus", "PageNumber"): {"range": {"min": 1}, "default": 1},
    ("DescribeInstanceStatus", "PageSize"): {"range": {"min": 1, "max": 50}, "default": 10},
    ("DescribeSecurityGroups", "MaxResults"): {"range": {"min": 1, "max": 100}, "default": 10},
    ("DescribeSecurityGroups", "SecurityGroupIds"): {"max_items": 100},
    ("DescribeSecurityGroups", "DryRun"): {"default": False},
    ("DescribeDisks", "DiskIds"): {"max_items": 100},
    ("DescribeDisks", "Category"): {"default": "all"},
    ("DescribeDisks", "DiskType"): {"default": "all"},
    ("DescribeDisks", "Status"): {"default": "All"},
    ("DescribeDisks", "DryRun"): {"default": False},
    ("DescribeDisks", "DeleteAutoSnapshot"): {"default": False},
    ("DescribeDisks", "DeleteWithInstance"): {"default": False},
    ("DescribeDisks", "EnableAutomatedSnapshotPolicy"): {"default": False},
    ("DescribeDisks", "Encrypted"): {"default": False},
    ("DescribeInstanceTypes", "MaxResults"): {"range": {"min": 1, "max": 1600}, "default": 1600},
    ("DescribeInstanceTypes", "CpuArchitectures"): {"max_items": 2},
    ("DescribeInstanceTypes", "LocalStorageCategories"): {"max_items": 2},
    ("DescribeInstanceTypes", "GpuSpecs"): {"max_items": 10},
    ("DescribeInstanceTypes", "InstanceCategories"): {"max_items": 10},
    ("DescribeInstanceTypes", "InstanceTypeFamilies"): {"max_items": 10},
    ("DescribeInstanceTypes", "PhysicalProcessorModels"): {"max_items": 10},
    ("CreateSecurityGroup", "Description"): {"length": {"min": 2, "max": 256}},
    ("CreateSecurityGroup", "SecurityGroupName"): {"length": {"min": 2, "max": 128}},
    ("CreateSecurityGroup", "SecurityGroupType"): {"default": "normal"},
    ("DeleteInstances", "InstanceId"): {"min_items": 1, "max_items": 100},
    ("DeleteInstances", "Force"): {"default": False},
    ("DeleteInstances", "ForceStop"): {"default": True},
    ("DeleteInstances", "TerminateSubscription"): {"default": False},
    ("DeleteInstances", "DryRun"): {"default": False},
    ("DeleteInstance", "Force"): {"default": False},
    ("DeleteInstance", "ForceStop"): {"default": True},
    ("DeleteInstance", "TerminateSubscription"): {"default": False},
    ("DeleteInstance", "DryRun"): {"default": False},
    ("StopInstance", "ForceStop"): {"default": False},
    ("StopInstance", "DryRun"): {"default": False},
    ("StartInstance", "InitLocalDisk"): {"default": False},
    ("StartInstance", "DryRun"): {"default": False},
    ("ModifyInstanceSpec", "InternetMaxBandwidthOut"): {"range": {"min": 0, "max": 100}},
    ("ModifyInstanceSpec", "AllowMigrateAcrossZone"): {"default": False},
    ("ModifyInstanceSpec", "Async"): {"default": False},
    ("ModifyPrepayInstanceSpec", "AutoPay"): {"default": True},
    ("ModifyPrepayInstanceSpec", "MigrateAcrossZone"): {"default": False},
    ("ModifyPrepayInstanceSpec", "RebootWhenFinished"): {"default": False},
    ("RenewInstance", "ExpectedRenewDay"): {"range": {"min": 1, "max": 28}},
    ("RenewInstance", "Period"): {"range": {"min": 1, "max": 60}},
    ("RenewInstance", "PeriodUnit"): {"default": "Month"},
    ("ModifyInstanceAutoRenewAttribute", "Duration"): {"range": {"min": 1, "max": 60}},
    ("ModifyInstanceAutoRenewAttribute", "AutoRenew"): {"default": False},
    ("ModifyInstanceAutoRenewAttribute", "PeriodUnit"): {"default": "Month"},
    ("DescribeResourcesModification", "MigrateAcrossZone"): {"default": False},
    ("DescribeResourcesModification", "OperationType"): {"default": "Upgrade"},
    ("DescribeAvailableResource", "InstanceChargeType"): {"default": "PostPaid"},
    ("DescribeAvailableResource", "IoOptimized"): {"default": "optimized"},
    ("DescribeAvailableResource", "SpotStrategy"): {"default": "NoSpot"},
    ("DescribeAvailableResource", "SpotDuration"): {"allowed": [0, 1], "default": 1},
    ("DescribeSpotPriceHistory", "Offset"): {"range": {"min": 0}, "default": 0},
    ("DescribeSpotPriceHistory", "SpotDuration"): {"allowed": [0, 1], "default": 1},
    ("DescribeRegions", "AcceptLanguage"): {"default": "zh-CN"},
    ("DescribeRegions", "InstanceChargeType"): {"default": "PostPaid"},
    ("DescribeRegions", "ResourceType"): {"default": "instance"},
}

# String parameters the SDK documents as a JSON array: modelled as list<string>, encoding json.
JSON_ARRAYS = {
    ("DescribeInstances", "InstanceIds"), ("DescribeInstances", "PrivateIpAddresses"),
    ("DescribeInstances", "InnerIpAddresses"), ("DescribeInstances", "PublicIpAddresses"),
    ("DescribeInstances", "EipAddresses"), ("DescribeInstances", "RdmaIpAddresses"),
    ("DescribeDisks", "DiskIds"), ("DescribeSecurityGroups", "SecurityGroupIds"),
}
# Paging members the SDK types `str` although they are numbers (same decimal on the wire).
NUMERIC_STRINGS = {("DescribeInstanceAutoRenewAttribute", "PageNumber"), ("DescribeInstanceAutoRenewAttribute", "PageSize")}

LONG_NAMES = {"OwnerId", "ResourceOwnerId", "ImageOwnerId", "ServiceID", "AssumeRoleFor"}
SENSITIVE = {"Password"}

# Shape names where one wire name stands for structures of different members (or an enum's
# name): the key is one SDK class of the group.
RENAMES = {
    "RunInstancesRequestTag": "Tag",
    "DescribeInstancesResponseBodyInstancesInstanceTagsTag": "ResourceTag",
    "CreateInstanceRequestDataDisk": "CreateInstanceDataDisk",
    "RunInstancesRequestDataDisk": "RunInstancesDataDisk",
    "CreateInstanceRequestSystemDisk": "CreateInstanceSystemDisk",
    "RunInstancesRequestSystemDisk": "RunInstancesSystemDisk",
    "ModifyInstanceSpecRequestSystemDisk": "ModifySpecSystemDisk",
    "ModifyInstanceSpecRequestDisk": "ModifySpecDisk",
    "DescribeDisksResponseBodyDisksDisk": "Disk",
    "DescribeDisksResponseBodyDisksDiskOperationLocks": "DiskOperationLocks",
    "DescribeInstancesResponseBodyInstancesInstanceOperationLocks": "OperationLocks",
    "DescribeInstancesResponseBodyInstancesInstanceOperationLocksLockReason": "InstanceLockReason",
    "DescribeInstanceStatusResponseBodyInstanceStatusesInstanceStatus": "InstanceStatusEntry",
    "DescribeInstanceTypesResponseBodyInstanceTypesInstanceTypeCpuOptions": "InstanceTypeCpuOptions",
    "DescribeInstancesResponseBodyInstancesInstanceCpuOptions": "InstanceCpuOptions",
    "RunInstancesRequestCpuOptions": "RunInstancesCpuOptions",
    "DescribeInstanceTypesResponseBodyInstanceTypesInstanceTypeSecurityOptions": "InstanceTypeSecurityOptions",
    "DescribeInstancesResponseBodyInstancesInstanceSecurityOptions": "InstanceSecurityOptions",
    "RunInstancesRequestSecurityOptions": "RunInstancesSecurityOptions",
    "DescribeInstancesResponseBodyInstancesInstanceImageOptions": "InstanceImageOptions",
    "RunInstancesRequestImageOptions": "RunInstancesImageOptions",
    "DescribeInstancesResponseBodyInstancesInstanceNetworkInterfacesNetworkInterface": "InstanceNetworkInterface",
    "RunInstancesRequestNetworkInterface": "RunInstancesNetworkInterface",
    "DescribeAvailableResourceResponseBodyAvailableZones": "AvailableZones",
    "DescribeAvailableResourceResponseBodyAvailableZonesAvailableZone": "AvailableZone",
    "DescribeAvailableResourceResponseBodyAvailableZonesAvailableZoneAvailableResources": "AvailableResources",
    "DescribeAvailableResourceResponseBodyAvailableZonesAvailableZoneAvailableResourcesAvailableResource": "AvailableResource",
    "DescribeResourcesModificationResponseBodyAvailableZones": "ModificationAvailableZones",
    "DescribeResourcesModificationResponseBodyAvailableZonesAvailableZone": "ModificationAvailableZone",
    "DescribeResourcesModificationResponseBodyAvailableZonesAvailableZoneAvailableResources": "ModificationAvailableResources",
    "DescribeResourcesModificationResponseBodyAvailableZonesAvailableZoneAvailableResourcesAvailableResource": "ModificationAvailableResource",
}

# Structure docs (Chinese).
SHAPE_DOCS = {
    "AdditionalInfo": "实例的附加信息", "Arn": "实例 RAM 角色的 ARN 信息（邀测，未开放）",
    "Attachment": "磁盘的挂载信息", "Attachments": "磁盘的挂载信息列表（JSON 包装：Attachment 列表）",
    "Attribute": "实例规格的属性", "Attributes": "实例规格的属性列表（JSON 包装：Attribute 列表）",
    "AvailableResource": "可用区中一类可供应的资源", "AvailableResources": "可供应的资源列表（JSON 包装：AvailableResource 列表）",
    "AvailableZone": "可用区及其资源库存", "AvailableZones": "可用区列表（JSON 包装：AvailableZone 列表）",
    "BandwidthWeighting": "网络带宽权重", "Clock": "实例规格的时钟（PTP）能力", "ClockOptions": "实例的时钟属性",
    "Condition": "变配条件", "ConditionSupportedResource": "满足条件时可变配的资源",
    "ConditionSupportedResources": "条件可变配资源列表（JSON 包装：ConditionSupportedResource 列表）",
    "Conditions": "变配条件列表（JSON 包装：Condition 列表）",
    "CreateInstanceDataDisk": "CreateInstance 的数据盘（DataDisk.N.*）", "CreateInstanceSystemDisk": "CreateInstance 的系统盘（SystemDisk.*）",
    "DataSource": "磁盘的数据来源", "DedicatedHostAttribute": "实例所在专有宿主机的属性", "DedicatedInstanceAttribute": "专有宿主机实例的属性",
    "DetectionOptions": "镜像检测结果", "Disk": "块存储（云盘、本地盘）", "DiskDeviceMapping": "镜像中的快照与磁盘映射",
    "DiskDeviceMappings": "镜像的磁盘映射列表（JSON 包装：DiskDeviceMapping 列表）",
    "DiskOperationLocks": "磁盘的锁定原因列表（JSON 包装：OperationLock 列表）", "Disks": "磁盘列表（JSON 包装：Disk 列表）",
    "EcsCapacityReservationAttr": "实例的容量预留属性", "EipAddress": "实例绑定的弹性公网 IP",
    "EnhancedNetwork": "实例规格的增强网络能力", "Features": "镜像的特性", "Filter": "查询的过滤条件（Filter.N.Key / Filter.N.Value）",
    "HibernationOptions": "实例的休眠配置（邀测）", "Image": "镜像", "Images": "镜像列表（JSON 包装：Image 列表）",
    "InnerIpAddress": "经典网络实例的内网 IP 列表（JSON 包装：IpAddress 列表）", "Instance": "ECS 实例",
    "InstanceCpuOptions": "实例的 CPU 配置", "InstanceIdSets": "创建的实例 ID 列表（JSON 包装：InstanceIdSet 列表）",
    "InstanceImageOptions": "实例的镜像相关属性", "InstanceLockReason": "实例被锁定的原因",
    "InstanceNetworkInterface": "实例的弹性网卡", "InstanceRenewAttribute": "实例的续费属性",
    "InstanceRenewAttributes": "实例续费属性列表（JSON 包装：InstanceRenewAttribute 列表）",
    "InstanceSecurityOptions": "实例的可信系统配置", "InstanceStatusEntry": "实例 ID 及其状态",
    "InstanceStatuses": "实例状态列表（JSON 包装：InstanceStatus 列表）", "InstanceType": "实例规格",
    "InstanceTypeCpuOptions": "实例规格的 CPU 选项", "InstanceTypeSecurityOptions": "实例规格的安全能力",
    "InstanceTypes": "实例规格列表（JSON 包装：InstanceType 列表）", "Instances": "实例列表（JSON 包装：Instance 列表）",
    "Ipv4PrefixSet": "网卡的 IPv4 前缀", "Ipv4PrefixSets": "IPv4 前缀列表（JSON 包装：Ipv4PrefixSet 列表）",
    "Ipv6PrefixSet": "网卡的 IPv6 前缀", "Ipv6PrefixSets": "IPv6 前缀列表（JSON 包装：Ipv6PrefixSet 列表）",
    "Ipv6Set": "网卡的 IPv6 地址", "Ipv6Sets": "IPv6 地址列表（JSON 包装：Ipv6Set 列表）",
    "Item": "镜像检测项", "Items": "镜像检测项列表（JSON 包装：Item 列表）", "MetadataOptions": "实例元数据访问配置",
    "ModificationAvailableResource": "可变配的一类资源", "ModificationAvailableResources": "可变配资源列表（JSON 包装：AvailableResource 列表）",
    "ModificationAvailableZone": "可用区及其可变配资源", "ModificationAvailableZones": "可用区列表（JSON 包装：AvailableZone 列表）",
    "ModifySpecDisk": "变配时的数据盘（未开放）", "ModifySpecSystemDisk": "变配时的系统盘",
    "MountInstance": "共享盘的挂载实例", "MountInstances": "挂载实例列表（JSON 包装：MountInstance 列表）",
    "NetworkCardInfo": "物理网卡信息", "NetworkCards": "物理网卡列表（JSON 包装：NetworkCardInfo 列表）",
    "NetworkInfo": "实例规格的网络信息", "NetworkInterfaces": "弹性网卡列表（JSON 包装：NetworkInterface 列表）",
    "NetworkOptions": "实例的网络选项", "OperationLock": "磁盘被锁定的原因",
    "OperationLocks": "实例的锁定原因列表（JSON 包装：LockReason 列表）", "Placement": "磁盘的位置（可用区）",
    "PrivateDnsNameOptions": "实例的私网域名配置", "PrivateIpAddress": "VPC 实例的私网 IP 列表（JSON 包装：IpAddress 列表）",
    "PrivateIpSet": "网卡的私网 IP", "PrivateIpSets": "私网 IP 列表（JSON 包装：PrivateIpSet 列表）",
    "PrivatePoolOptions": "私有池（弹性保障、容量预留）选项", "PublicIpAddress": "实例的公网 IP 列表（JSON 包装：IpAddress 列表）",
    "RdmaIpAddress": "HPC 实例的 RDMA 网络 IP 列表（JSON 包装：IpAddress 列表）", "Region": "地域", "Regions": "地域列表（JSON 包装：Region 列表）",
    "ResourceTag": "资源上的标签（TagKey / TagValue）", "RunInstancesCpuOptions": "RunInstances 的 CPU 选项（CpuOptions.*）",
    "RunInstancesDataDisk": "RunInstances 的数据盘（DataDisk.N.*）", "RunInstancesImageOptions": "RunInstances 的镜像选项（ImageOptions.*）",
    "RunInstancesNetworkInterface": "RunInstances 的弹性网卡（NetworkInterface.N.*）", "RunInstancesSecurityOptions": "RunInstances 的安全选项（SecurityOptions.*）",
    "RunInstancesSystemDisk": "RunInstances 的系统盘（SystemDisk.*）", "SchedulerOptions": "调度选项", "SecureBootOptions": "镜像的安全启动配置",
    "SecurityGroup": "安全组", "SecurityGroupIds": "实例所属安全组 ID 列表（JSON 包装：SecurityGroupId 列表）",
    "SecurityGroups": "安全组列表（JSON 包装：SecurityGroup 列表）", "SpotPriceType": "抢占式实例的一条价格记录",
    "SpotPrices": "抢占式实例价格列表（JSON 包装：SpotPriceType 列表）", "SupportedBootModes": "实例规格支持的启动模式列表",
    "SupportedResource": "可供应的资源值及其库存状态", "SupportedResources": "可供应资源值列表（JSON 包装：SupportedResource 列表）",
    "SupportedTopologyTypes": "支持的 CPU 拓扑类型列表", "Tag": "请求中的标签（Tag.N.Key / Tag.N.Value）",
    "Tags": "资源的标签列表（JSON 包装：Tag 列表）", "Temporary": "临时变配（邀测，未开放）",
    "VpcAttributes": "实例的专有网络属性", "WeightingInfo": "带宽权重档位", "WeightingInfos": "带宽权重档位列表（JSON 包装：WeightingInfo 列表）",
}

# Members of shared shapes whose SDK docs differ by operation: docs for every use.
SHAPE_MEMBER_DOCS = {
    ("Tag", "Key"): "标签键（N 的取值范围：1~20）。创建资源时不能为空字符串，最多 128 个字符，不能以 aliyun 或 acs: 开头，不能包含 http:// 或 https://；查询时以标签过滤的资源数不能超过 1000。",
    ("Tag", "Value"): "标签值（N 的取值范围：1~20）。可以为空字符串，最多 128 个字符，不能包含 http:// 或 https://。",
    ("Filter", "Key"): "过滤条件的键。可用的键因操作而异，见该操作 Filter 参数的说明。",
    ("Filter", "Value"): "过滤条件的值。时间类条件使用 UTC，格式为 yyyy-MM-ddTHH:mmZ。",
}
# Response members the document reads (the SDK's response models carry no docs for them):
# (shape, member) -> (docs, document line).
OUTPUT_DOCS = {
    ("Instance", "InstanceId"): ("实例ID。", 1083),
    ("Instance", "Status"): ("实例状态：Pending、Running、Starting、Stopping、Stopped。创建后轮询至 Running（RunInstances）或 Stopped（CreateInstance）。", 1584),
    ("Instance", "OperationLocks"): ("实例的锁定原因；LockReason 为 Recycling 表示抢占式实例即将被回收。", 1058),
    ("Instance", "AutoReleaseTime"): ("按量付费实例的自动释放时间（UTC，yyyy-MM-ddTHH:mm:ssZ）。", 2274),
    ("Instance", "PublicIpAddress"): ("实例的公网IP地址。", 1241),
    ("Instance", "ImageId"): ("实例运行的镜像ID。", 1230),
    ("Instance", "ZoneId"): ("实例所属可用区。", 1083),
    ("InstanceLockReason", "LockReason"): ("锁定原因，例如 Recycling（抢占式实例待回收）。", 1087),
    ("InstanceStatusEntry", "Status"): ("实例状态。", None),
    ("AvailableZone", "Status"): ("可用区的资源状态，例如 Available。", 900),
    ("AvailableZone", "StatusCategory"): ("可用区的库存类别，例如 WithStock。", 922),
    ("AvailableZone", "ZoneId"): ("可用区ID。", 921),
    ("AvailableResource", "Type"): ("资源类型（与请求的 DestinationResource 取值相同）。", 905),
    ("SupportedResource", "Status"): ("资源状态，例如 Available（可用）。", 909),
    ("SupportedResource", "StatusCategory"): ("库存类别，例如 WithStock（库存充足）。", 911),
    ("SupportedResource", "Value"): ("资源值，例如实例规格 ecs.g5.large。", 910),
    ("SpotPriceType", "SpotPrice"): ("抢占式实例价格。", 969),
    ("SpotPriceType", "OriginPrice"): ("按量付费原价。", 969),
    ("SpotPriceType", "Timestamp"): ("价格的时间（UTC）。", 969),
    ("InstanceRenewAttribute", "AutoRenewEnabled"): ("是否已开启自动续费：开启为 true，否则为 false。", 2680),
    ("InstanceRenewAttribute", "Duration"): ("自动续费时长。", 2677),
    ("InstanceRenewAttribute", "InstanceId"): ("实例ID。", 2669),
    ("Region", "RegionId"): ("地域ID。", 2148),
    ("Image", "ImageId"): ("镜像ID。", 275),
    ("Image", "ImageName"): ("镜像名称。", 300),
}

# Preferred SDK class for a shared shape's member docs, by operation order.
DOCS_PREFERENCE = ["RunInstances", "CreateInstance", "ModifyPrepayInstanceSpec", "DescribeInstances"]

# `# comments` written before an operation (member None) or an input/output member.
COMMENTS = {
    ("CreateInstance", None): "The Java spot sample builds `CreateInstancesRequest` (line 1001) but reads a CreateInstanceResponse (1037): a typo, there is no CreateInstances action.",
    ("CreateInstance", "SystemDisk"): "The document's setSystemDiskCategory/setSystemDiskSize (1017-1018) are SystemDisk.Category/SystemDisk.Size on the wire.",
    ("ModifyInstanceSpec", None): "The Java sample sets RegionId \"default\" (1349); the action has no RegionId (the region picks the endpoint): the spec follows the SDK.",
    ("DeleteInstance", None): "The Java sample sets RegionId (1408); the action has no RegionId (the region picks the endpoint): the spec follows the SDK.",
    ("RunInstances", "InstanceIdSets"): "The document shows `InstanceIdsSets` (797) and reads `InstanceIds` (1565, 1667); the SDK parses InstanceIdSets.InstanceIdSet: the spec follows the SDK.",
    ("RunInstances", "DataDisk"): "The Java sample's setDataDisks (751) sends DataDisk.N.*; setTags (763) sends Tag.N.Key/Tag.N.Value.",
    ("DescribeSpotPriceHistory", "ZoneId"): "The sample's comment calls it required (946); the SDK makes it optional: the spec follows the SDK.",
    ("DescribeSpotPriceHistory", "StartTime"): "The sample's comment says the default window is 3 days (952); the SDK says 3 hours before EndTime: the spec follows the SDK.",
    ("DescribeInstanceAutoRenewAttribute", "PageNumber"): "The SDK types PageNumber and PageSize `str`; the same decimal goes on the wire, so integers here (see the header).",
    ("ModifyPrepayInstanceSpec", "OrderId"): "The Java sample reads getOrderID() (1311); the wire name is OrderId.",
    ("DescribeAvailableResource", "NetworkCategory"): "The sample sets \"Vpc\" (638) and \"vpc\" (883); the values are lowercase vpc/classic.",
    ("ModifyInstanceAutoRenewAttribute", "Duration"): "The document allows 1, 2, 3, 6 or 12 months (2687); the SDK adds Week/Year units and up to 60: no `allowed` list.",
    ("DescribeInstances", "Filter"): "The document sets Filter3Key/Filter4Key (2523-2526), i.e. Filter.3.Key/Filter.4.Key; the SDK sends the list flat from Filter.1: the service reads the keys.",
    ("RenewInstance", "Period"): "The Python sample passes the string '1' (2575); the SDK sends an integer.",
}
OUTPUT_COMMENTS = {("RunInstances", "InstanceIdSets"), ("ModifyPrepayInstanceSpec", "OrderId")}
OWNER_DOCS = "阿里云的内部参数（资源所有者的账号或 ID），调用者一般无需设置。"

# Errors: operation -> [(code, docs, http_status, source)]; the document names only the first.
DELETE_PAGE = "https://www.alibabacloud.com/help/doc-detail/25507.htm"
OP_ERRORS = {
    "DeleteInstance": [
        ("IncorrectInstanceState", "资源当前状态不支持此操作（文档示例的拼写：未停止实例直接释放时返回）", None, {"doc": DOC, "line": 2367}),
        ("ChargeTypeViolation", "不能释放未到期的包年包月实例", 403, {"url": DELETE_PAGE}),
        ("InvalidOperation.DeletionProtection", "实例开启了释放保护，不能释放", 400, {"url": DELETE_PAGE}),
    ],
    "CreateInstance": [
        ("InvalidPayMethod", "包年包月（PrePaid）时账号不支持余额支付或信用支付", None, {"sdk": SDK}),
        ("QuotaExceed.ElasticQuota", "所选实例规格要创建的台数或全实例规格 vCPU 超出当前地域的系统限额", None, {"url": "https://www.alibabacloud.com/help/zh/doc-detail/25499.htm"}),
    ],
    "RunInstances": [
        ("InvalidPayMethod", "包年包月（PrePaid）时账号不支持余额支付或信用支付", None, {"sdk": SDK}),
    ],
    "DescribeRegions": [
        ("InvalidPayMethod", "InstanceChargeType=PrePaid 时账号不支持余额支付或信用支付", None, {"sdk": SDK}),
    ],
}

TOMAP1 = re.compile(r"if self\.(\w+) is not None:\s*\n\s*result\['([^']+)'\] = self\.")
TOMAP2 = re.compile(r"result\['([^']+)'\] = (?:\[\]|\{\})\s*\n\s*if self\.(\w+) is not None")
PROPS = {"china": "【中国站】", "intl": "【国际站】", "partner": "【合作伙伴站】"}


def clean(text: str) -> str:
    text = re.sub(r'<props="(\w+)">', lambda m: PROPS.get(m.group(1), ""), text)
    text = re.sub(r"</?(props|notice|details)>", "", text)
    text = re.sub(r"<summary>(.*?)</summary>", r"\1:", text)
    lines = [l.rstrip() for l in text.split("\n")]
    # Fenced blocks in the SDK's docs are not Rust: mark them `text` for rustdoc.
    fenced = False
    for i, l in enumerate(lines):
        if l.strip().startswith("```"):
            if not fenced and l.strip() == "```":
                lines[i] = l.replace("```", "```text")
            fenced = not fenced
    out = []
    item = re.compile(r"^\s*(?:[-*]|\d+\.)\s")
    quote = re.compile(r"^\s*>")
    for l in lines:
        if l == "" and (not out or out[-1] == ""):
            continue
        # A plain line right after a list item or a quote would continue it lazily: make it
        # a paragraph of its own.
        if l and out and out[-1] and not l[0].isspace() and not item.match(l) and not quote.match(l) \
                and (item.match(out[-1]) or quote.match(out[-1])) and not fenced_line(out):
            out.append("")
        out.append(l)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out).strip()


def fenced_line(out) -> bool:
    return sum(1 for l in out if l.strip().startswith("```")) % 2 == 1


def fields(cls):
    hints = typing.get_type_hints(cls.__init__)
    src = inspect.getsource(cls.to_map)
    wire = {a: w for a, w in TOMAP1.findall(src)}
    wire.update({a: w for w, a in TOMAP2.findall(src)})
    comments, buf = {}, []
    for line in inspect.getsource(cls.__init__).split("\n"):
        s = line.strip()
        if s.startswith("#"):
            buf.append(s[2:] if s.startswith("# ") else s[1:])
            continue
        m = re.match(r"self\.(\w+) = (\w+)$", s)
        if m:
            comments[m.group(1)] = "\n".join(buf)
            buf = []
        elif s:
            buf = []
    return [(a, wire[a], h, clean(comments.get(a, ""))) for a, h in hints.items() if a != "return"]


def is_model(t):
    return isinstance(t, type) and issubclass(t, DaraModel)


def required_of(doc: str) -> bool:
    return any(l.strip() == "This parameter is required." for l in doc.split("\n"))


def without_required(doc: str) -> str:
    return clean("\n".join(l for l in doc.split("\n") if l.strip() != "This parameter is required."))


class Shapes:
    """Structure shapes by SDK class; named by wire name, deduplicated by structure."""

    def __init__(self):
        self.classes = {}      # class name -> (base name, ops set, signature)
        self.members = {}      # class name -> [(wire, type-or-class, is_list, hint, docs)]

    def visit(self, cls, base, op):
        name = cls.__name__
        if name in self.classes:
            self.classes[name][1].add(op)
            return
        self.classes[name] = [base, {op}, None]
        rows = []
        for attr, w, hint, doc in sorted(fields(cls), key=lambda f: f[1]):
            origin = typing.get_origin(hint)
            t, is_list = hint, False
            if origin in (list, typing.List):
                (t,) = typing.get_args(hint)
                is_list = True
            if is_model(t):
                self.visit(t, w, op)
            rows.append((w, t, is_list, doc))
        self.members[name] = rows

    def signature(self, name):
        if self.classes[name][2] is None:
            parts = []
            for w, t, is_list, _ in self.members[name]:
                ts = self.signature(t.__name__) if is_model(t) else t.__name__
                parts.append(f"{w}:{'[' if is_list else ''}{ts}")
            self.classes[name][2] = self.classes[name][0] + "{" + ",".join(parts) + "}"
        return self.classes[name][2]

    def name_all(self):
        by_base = defaultdict(lambda: defaultdict(list))
        for cname, (base, ops, _) in self.classes.items():
            by_base[base][self.signature(cname)].append(cname)
        names = {}
        for base, groups in by_base.items():
            for sig, cnames in groups.items():
                renamed = [RENAMES[c] for c in cnames if c in RENAMES]
                if renamed:
                    name = renamed[0]
                elif len(groups) == 1 and base not in ENUMS:
                    name = base
                else:
                    name = None
                for c in cnames:
                    names[c] = name
        self.unnamed = sorted({c for c, n in names.items() if n is None})
        self.names = names
        return names


def scalar(t, op, wire):
    if t is str:
        return "string"
    if t is int:
        return "long" if wire in LONG_NAMES else "integer"
    if t is bool:
        return "boolean"
    if t is float:
        return "double"
    raise ValueError(f"{op}.{wire}: {t}")


def main():
    placements = sdk_operations(client_mod, models, set(OPS))
    shapes = Shapes()
    plan = {}
    for op in OPS:
        req = getattr(models, f"{op}Request")
        body = getattr(models, f"{op}ResponseBody")
        for attr, w, hint, doc in fields(req):
            t = hint
            if typing.get_origin(hint) in (list, typing.List):
                (t,) = typing.get_args(hint)
            if is_model(t):
                shapes.visit(t, w, op)
        for attr, w, hint, doc in fields(body):
            t = hint
            if typing.get_origin(hint) in (list, typing.List):
                (t,) = typing.get_args(hint)
            if is_model(t):
                shapes.visit(t, w, op)
        plan[op] = (req, body)
    names = shapes.name_all()
    if shapes.unnamed:
        for c in shapes.unnamed:
            print(f"# UNNAMED {c} base={shapes.classes[c][0]} ops={sorted(shapes.classes[c][1])}", file=sys.stderr)
        raise SystemExit("add RENAMES")
    # Apply enums to shapes by SDK class.
    shape_enum = defaultdict(dict)
    for cname, m in SHAPE_ENUMS.items():
        shape_enum[names[cname]].update(m)
    # Constraints into structures, by shape.
    shape_constraints = defaultdict(dict)
    for (op, path), keys in CONSTRAINTS.items():
        if "." in path:
            head, member = path.split(".", 1)
            req = plan[op][0]
            for attr, w, hint, doc in fields(req):
                if w == head:
                    t = hint
                    if typing.get_origin(hint) in (list, typing.List):
                        (t,) = typing.get_args(hint)
                    shape_constraints[names[t.__name__]][member] = keys
    print(emit(placements, plan, shapes, names, shape_enum, shape_constraints))


def ystr(s: str, indent: str) -> str:
    if "\n" in s:
        return "|\n" + "\n".join((indent + "  " + l) if l else "" for l in s.split("\n"))
    return json.dumps(s, ensure_ascii=False)


def flow(d) -> str:
    return "{" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False) if isinstance(v, str) else flowv(v)}" for k, v in d.items()) + "}"


def flowv(v):
    if isinstance(v, dict):
        return flow(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "[" + ", ".join(flowv(x) for x in v) + "]"
    return json.dumps(v, ensure_ascii=False)


def member_lines(wire, m, indent):
    out = [f"{indent}{wire}:"]
    i = indent + "  "
    out.append(f"{i}type: {m['type']}")
    if m.get("required"):
        out.append(f"{i}required: true")
    if m.get("docs"):
        out.append(f"{i}docs: {ystr(m['docs'], i)}")
    if m.get("source"):
        out.append(f"{i}source: {flow(m['source'])}")
    for k in ("default", "range", "length", "allowed", "min_items", "max_items"):
        if k in m:
            out.append(f"{i}{k}: {flowv(m[k])}")
    if m.get("encoding"):
        out.append(f"{i}encoding: {m['encoding']}")
    if m.get("sensitive"):
        out.append(f"{i}sensitive: true")
    if m.get("idempotency_token"):
        out.append(f"{i}idempotency_token: true")
    return out


def type_of(t, is_list, names, op, wire):
    base = names[t.__name__] if is_model(t) else scalar(t, op, wire)
    return f"list<{base}>" if is_list else base


def emit(placements, plan, shapes, names, shape_enum, shape_constraints):
    out = ["shapes:"]
    for name, (docs, line, values) in ENUMS.items():
        out.append(f"  {name}:")
        out.append("    type: enum")
        out.append(f"    docs: {ystr(docs, '    ')}")
        src = {"doc": DOC, "line": line, "sdk": SDK} if line else {"sdk": SDK}
        out.append(f"    source: {flow(src)}")
        out.append("    values:")
        for v, meaning in values.items():
            out.append(f"      {json.dumps(v)}: {json.dumps(meaning, ensure_ascii=False)}")
    groups = defaultdict(list)
    for cname in shapes.classes:
        groups[names[cname]].append(cname)
    rank = {op: i for i, op in enumerate(DOCS_PREFERENCE)}
    for sname in sorted(groups):
        cname = min(groups[sname], key=lambda c: (min(rank.get(o, 99) for o in shapes.classes[c][1]), c))
        out.append(f"  {sname}:")
        out.append("    type: structure")
        out.append(f"    docs: {json.dumps(SHAPE_DOCS[sname], ensure_ascii=False)}")
        out.append(f"    source: {flow({'sdk': SDK})}")
        out.append("    members:")
        for w, t, is_list, doc in shapes.members[cname]:
            doc = SHAPE_MEMBER_DOCS.get((sname, w), doc)
            doc_line = None
            if (sname, w) in OUTPUT_DOCS:
                words, doc_line = OUTPUT_DOCS[(sname, w)]
                doc = "\n\n".join(x for x in (words, doc) if x)
            m = {"type": type_of(t, is_list, names, sname, w)}
            if w in shape_enum.get(sname, {}):
                m["type"] = shape_enum[sname][w]
            if doc:
                m["docs"] = doc
            if doc_line:
                m["source"] = {"doc": DOC, "line": doc_line}
            m.update(shape_constraints.get(sname, {}).get(w, {}))
            if w in SENSITIVE:
                m["sensitive"] = True
            out.extend(member_lines(w, m, "      "))
    out.append("")
    out.append("operations:")
    for op, (line, docs) in OPS.items():
        req, body = plan[op]
        p = placements[op]
        if (op, None) in COMMENTS:
            out.append(f"  # {COMMENTS[(op, None)]}")
        out.append(f"  {op}:")
        out.append(f"    docs: {ystr(docs, '    ')}")
        out.append(f"    source: {flow({'doc': DOC, 'line': line, 'sdk': SDK})}")
        out.append(f"    http: {{method: {p['method']}, path: {p['pathname']}}}")
        out.append("    input:")
        by_wire = {w: (a, h, d) for a, w, h, d in fields(req)}
        seen = set()
        doc_first = [w for w in MEMBER_LINES.get(op, {})]
        order = sorted({x["wire"] for x in p["input"]}, key=lambda w: (w not in doc_first, doc_first.index(w) if w in doc_first else 0, w != "RegionId", w))
        for w in order:
            if w in seen:
                continue
            seen.add(w)
            loc = next(x["location"] for x in p["input"] if x["wire"] == w)
            attr, hint, doc = by_wire[w]
            t, is_list = hint, False
            if typing.get_origin(hint) in (list, typing.List):
                (t,) = typing.get_args(hint)
                is_list = True
            m = {"type": type_of(t, is_list, names, op, w)}
            if (op, w) in JSON_ARRAYS:
                m["type"] = "list<string>"
                m["encoding"] = "json"
            if (op, w) in NUMERIC_STRINGS:
                m["type"] = "integer"
            if ("in", op, w) in ENUM_USES:
                m["type"] = ENUM_USES[("in", op, w)]
            if required_of(doc):
                m["required"] = True
            words = DOC_WORDS.get((op, w))
            m["docs"] = "\n\n".join(x for x in (words, without_required(doc)) if x)
            if is_model(t) and names[t.__name__] == "Filter":
                # The shared Filter shape has generic docs: keep this operation's keys here.
                own = "\n\n".join(f"Filter.N.{fw}：{fd}" for _, fw, _, fd in sorted(fields(t), key=lambda f: f[1]) if fd)
                m["docs"] = "\n\n".join(x for x in (m["docs"], own) if x)
            line_no = MEMBER_LINES.get(op, {}).get(w)
            if line_no:
                m["source"] = {"doc": DOC, "line": line_no, "sdk": SDK}
            else:
                m["source"] = {"sdk": SDK}
            m.update(CONSTRAINTS.get((op, w), {}))
            if w in SENSITIVE:
                m["sensitive"] = True
            if w == "ClientToken":
                m["idempotency_token"] = True
                m["length"] = {"max": 64}
            if loc != "query":
                m["location"] = loc
            if not m["docs"] and w in ("OwnerAccount", "OwnerId", "ResourceOwnerAccount", "ResourceOwnerId"):
                m["docs"] = OWNER_DOCS
            if (op, w) in COMMENTS and (op, w) not in OUTPUT_COMMENTS:
                out.append(f"      # {COMMENTS[(op, w)]}")
            out.extend(member_lines(w, m, "      "))
        out.append("    output:")
        for attr, w, hint, doc in sorted(fields(body), key=lambda f: f[1]):
            t, is_list = hint, False
            if typing.get_origin(hint) in (list, typing.List):
                (t,) = typing.get_args(hint)
                is_list = True
            m = {"type": type_of(t, is_list, names, op, w)}
            if doc:
                m["docs"] = doc
            if (op, w) in COMMENTS and (op, w) in OUTPUT_COMMENTS:
                out.append(f"      # {COMMENTS[(op, w)]}")
            out.extend(member_lines(w, m, "      "))
        if op in OP_ERRORS:
            out.append("    errors:")
            for code, docs, status, src in OP_ERRORS[op]:
                e = {"code": code, "docs": docs}
                if status:
                    e["http_status"] = status
                e["source"] = src
                out.append(f"      - {flow(e)}")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    main()
