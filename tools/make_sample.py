#!/usr/bin/env python3
"""Generate the sample site data of gongshi (deterministic, stdlib only).

The repository root is a sample site of 深圳市生态环境局坪山管理局. This script writes:

  data/tasks/2025.csv                 UTF-8 with BOM, CRLF, the bureau's 2025 ledger
  data/tasks/2026/2026-q1-q3.csv      GBK, CRLF, other header aliases and mixed date formats
  data/published.csv                  the publication ledger (UTF-8, LF)
  content/about.md, content/plans/2025.md, content/quarters/2025q3.md
  gongshi.toml
  examples/missed-deadline/           a site that must fail its deadline check

All names, credit codes, inspectors and phone numbers are fictitious. Rerunning the script
produces byte-identical files.

    python3 tools/make_sample.py
"""

import csv
import datetime as dt
import io
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20250926

D = dt.date

# ---------------------------------------------------------------------------------------------
# Calendar (domain.md): statutory days off and make-up working days, 2025 and 2026.


def _span(a, b):
    d = a
    while d <= b:
        yield d
        d += dt.timedelta(days=1)


HOLIDAYS = set()
for a, b in [
    (D(2025, 1, 1), D(2025, 1, 1)),
    (D(2025, 1, 28), D(2025, 2, 4)),
    (D(2025, 4, 4), D(2025, 4, 6)),
    (D(2025, 5, 1), D(2025, 5, 5)),
    (D(2025, 5, 31), D(2025, 6, 2)),
    (D(2025, 10, 1), D(2025, 10, 8)),
    (D(2026, 1, 1), D(2026, 1, 3)),
    (D(2026, 2, 15), D(2026, 2, 23)),
    (D(2026, 4, 4), D(2026, 4, 6)),
    (D(2026, 5, 1), D(2026, 5, 5)),
    (D(2026, 6, 19), D(2026, 6, 21)),
    (D(2026, 9, 25), D(2026, 9, 27)),
    (D(2026, 10, 1), D(2026, 10, 7)),
]:
    HOLIDAYS.update(_span(a, b))
MAKEUP = {
    D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11),
    D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10),
}


def is_working(d):
    if d in MAKEUP:
        return True
    if d in HOLIDAYS:
        return False
    return d.weekday() < 5


# ---------------------------------------------------------------------------------------------
# 统一社会信用代码 (GB 32100-2015)

CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def check_char(body17):
    total = sum(CODE_ALPHABET.index(c) * w for c, w in zip(body17, CODE_WEIGHTS))
    v = 31 - total % 31
    return CODE_ALPHABET[0 if v == 31 else v]


def code_is_valid(code):
    return (
        len(code) == 18
        and all(c in CODE_ALPHABET for c in code)
        and check_char(code[:17]) == code[17]
    )


for _example in ("91440300192317458F", "914403001922038216", "9144030071526726XG"):
    assert code_is_valid(_example), _example
assert not code_is_valid("91440300192317458G")


def make_code(rng, used):
    while True:
        region = "440300" if rng.random() < 0.55 else "440310"  # 深圳市 / 坪山区
        if rng.random() < 0.6:
            org = "MA5" + "".join(rng.choice(CODE_ALPHABET[:10] + "DEFGHJKLMNPQRTUWXY") for _ in range(6))
        else:
            org = "".join(rng.choice("0123456789") for _ in range(8)) + rng.choice("0123456789X")
        body = "91" + region + org
        code = body + check_char(body)
        if code not in used:
            used.add(code)
            return code


# ---------------------------------------------------------------------------------------------
# Vocabulary

STREETS = {
    "坑梓街道": (["秀新社区", "金沙社区", "坑梓社区", "沙田社区"], ["丹梓北路", "人民西路", "金辉路", "秀沙路", "青兰一路"]),
    "龙田街道": (["龙田社区", "老坑社区", "竹坑社区", "南布社区"], ["兰景北路", "锦绣中路", "龙兴北路", "荣田路", "竹坑路"]),
    "碧岭街道": (["碧岭社区", "沙湖社区", "汤坑社区"], ["碧岭路", "沙湖路", "汤坑一路", "深汕路"]),
    "石井街道": (["石井社区", "田头社区", "田心社区", "金龟社区"], ["金田路", "田头一路", "金龟路", "坪葵路"]),
    "马峦街道": (["马峦社区", "坪环社区", "江岭社区", "沙坣社区"], ["坪环路", "比亚迪路", "江岭路", "沙坣路"]),
    "坪山街道": (["坪山社区", "六联社区", "和平社区", "六和社区"], ["东纵路", "坪山大道", "深汕路", "金牛西路", "行政三路"]),
}
STREET_NAMES = list(STREETS)

UNITS = {
    "hq": "坪山管理局",
    "team1": "坪山管理局执法一队",
    "team2": "坪山管理局执法二队",
    "kengzi": "坪山管理局坑梓管理所",
    "pingshan": "坪山管理局坪山管理所",
}
UNIT_BY_STREET = {
    "坑梓街道": "kengzi", "龙田街道": "kengzi",
    "坪山街道": "pingshan", "马峦街道": "pingshan",
    "碧岭街道": "team2", "石井街道": "team2",
}

SURNAMES = "张李王刘陈杨黄赵周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁"
GIVEN = ["伟", "娜", "磊", "洋", "静", "帆", "志强", "敏", "杰", "婷", "鹏", "丽", "超", "琳", "斌",
         "晓东", "海燕", "建华", "文博", "嘉欣", "振宇", "思远", "国栋", "丽华", "子豪", "雪梅"]

BRAND1 = "鑫华宏恒永金联嘉达荣瑞润泰信盛锦汇创铭晟卓宇辰佳美新骏浩"
BRAND2 = "丰达兴昌泰盛源创信晟辉业诚邦越海科威利通德益祥富隆"

CATEGORIES = [
    # category, pool size, per-quarter base count
    ("一般监管对象", 320, 18),
    ("重点监管对象", 40, 8),
    ("特殊监管对象", 60, 6),
    ("建设项目（一般）", 90, 5),
    ("建设项目（重点）", 14, 2),
    ("柴油车用车大户", 40, 2),
    ("加油站和储油库", 10, 2),
    ("社会生态环境监测机构", 14, 1),
    ("机动车排放检验机构", 9, 1),
    ("土壤污染重点监管单位", 14, 1),
    ("建设用地土壤污染风险管控和修复地块", 4, 1),
    ("重点管控新污染物企业", 6, 0),
]
NOT_REPEATED_IN_YEAR = {"社会生态环境监测机构", "机动车排放检验机构", "加油站和储油库"}

SOURCE_MATTERS = [
    "对排污单位排放污染物情况的检查",
    "对排污许可证执行情况的检查",
    "对污染防治设施运行情况的检查",
    "对固体废物（含危险废物）污染环境防治情况的检查",
    "对环境影响评价制度执行情况的检查",
]
KEY_MATTERS = SOURCE_MATTERS + [
    "对自动监测设备安装、运行情况的检查",
    "对企业环境信息依法披露情况的检查",
]
MATTERS = {
    "一般监管对象": SOURCE_MATTERS,
    "重点监管对象": KEY_MATTERS,
    "特殊监管对象": SOURCE_MATTERS + ["对挥发性有机物污染防治情况的检查"],
    "建设项目（一般）": ["对建设项目环境影响评价及“三同时”制度执行情况的检查",
                   "对建设项目竣工环境保护自主验收情况的检查"],
    "建设项目（重点）": ["对建设项目环境影响评价及“三同时”制度执行情况的检查",
                   "对建设项目竣工环境保护自主验收情况的检查"],
    "柴油车用车大户": ["对柴油车用车大户在用车排放情况的检查"],
    "加油站和储油库": ["对加油站、储油库油气回收情况的检查"],
    "社会生态环境监测机构": ["对社会生态环境监测机构监测活动的检查"],
    "机动车排放检验机构": ["对机动车排放检验机构检验活动的检查"],
    "土壤污染重点监管单位": ["对土壤污染重点监管单位土壤污染防治义务履行情况的检查"],
    "建设用地土壤污染风险管控和修复地块": ["对建设用地土壤污染风险管控和修复活动的检查"],
    "重点管控新污染物企业": ["对重点管控新污染物环境风险管控措施落实情况的检查"],
}

JOINT_DEPTS = {
    "建设项目（一般）": ["住房和建设局", "市场监管局"],
    "建设项目（重点）": ["住房和建设局", "发展和改革局"],
    "柴油车用车大户": ["交通运输局", "公安交警大队"],
    "加油站和储油库": ["市场监管局", "应急管理局"],
    "机动车排放检验机构": ["市场监管局"],
    "社会生态环境监测机构": ["市场监管局"],
}
DEFAULT_DEPTS = ["市场监管局", "应急管理局", "水务局"]

RESULTS = [
    ("未发现问题", 75),
    ("发现问题经责令已改正", 15),
    ("发现问题待后续处理", 4),
    ("立案查处", 3),
    ("未发现开展本次抽查涉及的经营活动", 2),
    ("通过登记的住所（经营场所）无法联系", 1),
]

QUARTER_CN = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
EXCUSE = "系统故障导致延迟公示，已报局领导同意"


# ---------------------------------------------------------------------------------------------
# Entities


class Entity:
    def __init__(self, name, code, address, category, street):
        self.name = name
        self.code = code
        self.address = address
        self.category = category
        self.street = street


def build_entities(rng):
    used_names, used_codes = set(), set()

    def brand():
        while True:
            a, b = rng.choice(BRAND1), rng.choice(BRAND2)
            if a != b:
                return a + b

    def address(street, comm):
        roads = STREETS[street][1]
        r = rng.random()
        if r < 0.5:
            return "深圳市坪山区%s%s%s%d号" % (street, comm, rng.choice(roads), rng.randint(1, 388))
        if r < 0.85:
            return "深圳市坪山区%s%s%s%d号%s栋" % (
                street, comm, rng.choice(roads), rng.randint(1, 250), rng.choice("ABCDE123"))
        return "深圳市坪山区%s%s%s工业区%d栋" % (street, comm, rng.choice(["第一", "第二", "第三", "北"]), rng.randint(1, 12))

    def short(street):
        return street[:2]

    def name_for(cat, street, comm):
        b = brand()
        if cat in ("一般监管对象", "特殊监管对象"):
            r = rng.random()
            if r < 0.10:
                return "深圳市坪山区%s%s%s" % (short(street), b, rng.choice(["五金加工店", "汽车维修部", "印刷店", "家具加工厂"])), True
            if r < 0.30:
                return "深圳市坪山区%s%s" % (b, rng.choice(["精密五金制品厂", "塑胶制品厂", "电子厂", "包装制品厂"])), False
            if r < 0.55:
                return "深圳市坪山区%s%s有限公司" % (b, rng.choice(["电子", "五金制品", "塑胶制品", "印刷", "家具"])), False
            ind = rng.choice(["电子", "精密五金制品", "塑胶制品", "包装制品", "印刷", "家具", "模具", "科技",
                              "新材料", "光电科技", "汽车配件", "医疗器械", "食品", "五金塑胶制品", "电路科技"])
            return "深圳市%s%s有限公司" % (b, ind), False
        if cat in ("重点监管对象", "土壤污染重点监管单位"):
            if rng.random() < 0.06:
                return "深圳市坪山区%s水质净化厂" % rng.choice(["上洋", "沙田", "坑梓", "碧岭", "石井", "竹坑"]), False
            ind = rng.choice(["电路", "线路板", "表面处理", "电镀", "新能源科技", "环保科技", "化工",
                              "生物医药", "涂料", "电池", "半导体"])
            return "深圳市%s%s有限公司" % (b, ind), False
        if cat == "建设项目（一般）":
            if rng.random() < 0.3:
                return "坪山区%s%s%s" % (street, comm, rng.choice(["综合楼建设项目", "厂房改造项目", "城市更新单元项目"])), True
            return "深圳市%s%s有限公司%s" % (b, rng.choice(["电子", "科技", "精密", "新材料", "智能装备"]),
                                       rng.choice(["新建厂房项目", "生产线扩建项目", "技术改造项目", "搬迁扩建项目"])), False
        if cat == "建设项目（重点）":
            return "深圳市%s%s有限公司%s" % (b, rng.choice(["电路", "表面处理", "新能源科技", "生物医药", "半导体"]),
                                       rng.choice(["扩建项目", "二期工程", "新建项目"])), False
        if cat == "柴油车用车大户":
            return "深圳市%s%s有限公司" % (b, rng.choice(["物流", "运输", "混凝土", "环卫服务", "建材", "货运"])), False
        if cat == "加油站和储油库":
            place = rng.choice(["坑梓", "龙田", "碧岭", "石井", "马峦", "坪山", "沙湖", "金龟", "田头", "江岭", "竹坑", "六联"])
            return "深圳市%s石油有限公司%s加油站" % (b, place), False
        if cat == "社会生态环境监测机构":
            return "深圳市%s%s有限公司" % (b, rng.choice(["检测技术", "环境检测", "环境监测技术", "检测认证"])), False
        if cat == "机动车排放检验机构":
            return "深圳市%s机动车%s有限公司" % (b, rng.choice(["检测", "检测服务", "安全性能检测"])), False
        if cat == "建设用地土壤污染风险管控和修复地块":
            return "坪山区%s%s原%s%s地块" % (street, comm, b, rng.choice(["电镀厂", "化工厂", "线路板厂", "印染厂"])), None
        if cat == "重点管控新污染物企业":
            return "深圳市%s%s有限公司" % (b, rng.choice(["化学", "精细化工", "新材料", "阻燃材料"])), False
        raise ValueError(cat)

    pools = {}
    for cat, size, _ in CATEGORIES:
        pool = []
        while len(pool) < size:
            street = rng.choice(STREET_NAMES)
            comm = rng.choice(STREETS[street][0])
            name, may_lack_code = name_for(cat, street, comm)
            if name in used_names:
                continue
            used_names.add(name)
            # None: never has a code (a land parcel); True: may lack one (个体工商户, construction site)
            if may_lack_code is None or (may_lack_code and rng.random() < 0.7):
                code = ""
            else:
                code = make_code(rng, used_codes)
            pool.append(Entity(name, code, address(street, comm), cat, street))
        pools[cat] = pool
    return pools


# ---------------------------------------------------------------------------------------------
# Inspectors


def build_inspectors(rng):
    used_names, used_ids = set(), set()
    per_unit = {}
    for key in UNITS:
        people = []
        while len(people) < 4:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            if name in used_names:
                continue
            num = "4403%04d" % rng.randint(1, 9999)
            if num in used_ids:
                continue
            used_names.add(name)
            used_ids.add(num)
            people.append("%s(%s)" % (name, num))
        per_unit[key] = people
    return per_unit


# ---------------------------------------------------------------------------------------------
# Tasks


def quarter_bounds(year, q):
    first = D(year, 3 * q - 2, 1)
    last = (D(year, 3 * q, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return first, last


def month_working_days(year, month):
    d = D(year, month, 1)
    out = []
    while d.month == month:
        if is_working(d):
            out.append(d)
        d += dt.timedelta(days=1)
    return out


def pick_dates(rng, year, q):
    first, _ = quarter_bounds(year, q)
    m = 3 * q - 2 + rng.choices([0, 1, 2], weights=[30, 30, 40])[0]
    end = rng.choice(month_working_days(year, m))
    back = rng.choices([0, 1, 2, 3], weights=[60, 25, 10, 5])[0]
    start = end
    while back > 0:
        prev = start - dt.timedelta(days=1)
        if prev < first:
            break
        start = prev
        if is_working(start):
            back -= 1
    while not is_working(start) and start < end:
        start += dt.timedelta(days=1)
    return start, end


def unit_for(rng, ent):
    cat = ent.category
    if cat in ("柴油车用车大户", "加油站和储油库", "机动车排放检验机构", "社会生态环境监测机构"):
        return "hq"
    if cat in ("重点监管对象", "土壤污染重点监管单位", "重点管控新污染物企业", "建设项目（重点）",
               "建设用地土壤污染风险管控和修复地块"):
        return "team1" if rng.random() < 0.75 else UNIT_BY_STREET[ent.street]
    return UNIT_BY_STREET[ent.street] if rng.random() < 0.85 else rng.choice(["team1", "team2"])


def handling_for(rng, result, year, case_counter):
    if result == "未发现问题":
        return "" if rng.random() < 0.85 else "现场检查未发现环境违法行为"
    if result == "发现问题经责令已改正":
        return rng.choice([
            "已责令改正并复查",
            "现场责令改正，已复查整改到位",
            "已责令规范危险废物贮存场所，复查已整改",
            "已责令完善污染防治设施运行台账，复查已整改",
        ])
    if result == "发现问题待后续处理":
        return rng.choice([
            "已下达责令改正违法行为决定书，跟进整改中",
            "已责令限期改正，待复查",
            "涉嫌违法线索已移交案件审查，待后续处理",
        ])
    if result == "立案查处":
        case_counter[year] += 1
        return "已立案查处（深环坪罚〔%d〕%d号）" % (year, case_counter[year])
    if result == "未发现开展本次抽查涉及的经营活动":
        return rng.choice(["企业已停产，现场无生产经营活动", "项目尚未开工建设", "企业已搬离，现场无生产经营活动"])
    if result == "通过登记的住所（经营场所）无法联系":
        return "已告知市场监管部门依法处理"
    raise ValueError(result)


def build_tasks(rng, pools, inspectors):
    """All tasks 2025Q1 .. 2026Q3, as dicts with real dates; formatting happens later."""
    sizes = {(2025, 1): 48, (2025, 2): 51, (2025, 3): 49, (2025, 4): 52,
             (2026, 1): 49, (2026, 2): 50, (2026, 3): 51}
    case_counter = {2025: 0, 2026: 0}
    tasks = []
    year_used = {}
    for (year, q), total in sizes.items():
        counts = {cat: base for cat, _, base in CATEGORIES}
        if rng.random() < 0.6:
            counts["重点管控新污染物企业"] = 1
        counts["一般监管对象"] += total - sum(counts.values())
        chosen = []
        for cat, _, _ in CATEGORIES:
            pool = pools[cat]
            if cat in NOT_REPEATED_IN_YEAR:
                used = year_used.setdefault((year, cat), set())
                candidates = [e for e in pool if e.name not in used]
                if len(candidates) < counts[cat]:
                    candidates = list(pool)
                picked = rng.sample(candidates, counts[cat])
                used.update(e.name for e in picked)
            else:
                picked = rng.sample(pool, counts[cat])
            chosen.extend(picked)
        rows = []
        for ent in chosen:
            start, end = pick_dates(rng, year, q)
            unit = unit_for(rng, ent)
            result = rng.choices([r for r, _ in RESULTS], weights=[w for _, w in RESULTS])[0]
            if ent.category.startswith("建设用地") and result.startswith("通过登记"):
                result = "未发现问题"
            joint = rng.random() < 0.33 and not result.startswith("通过登记")
            depts = ""
            if joint:
                options = JOINT_DEPTS.get(ent.category, DEFAULT_DEPTS)
                depts = rng.choice(options)
                if rng.random() < 0.15:
                    other = rng.choice(DEFAULT_DEPTS)
                    if other != depts:
                        depts = depts + "、" + other
            pair = rng.sample(inspectors[unit], 2)
            rows.append({
                "year": year, "q": q, "entity": ent, "category": ent.category,
                "matter": rng.choice(MATTERS[ent.category]), "unit": UNITS[unit],
                "inspectors": "、".join(pair), "start": start, "end": end, "result": result,
                "joint": joint, "depts": depts,
            })
        # the platform numbers tasks in the order it drew them; the ledger is sorted by start date
        rows.sort(key=lambda r: (r["start"], r["end"], r["entity"].name))
        for i, r in enumerate(rows, 1):
            r["id"] = "PS-%d-Q%d-%04d" % (year, q, i)
        for r in rows:
            r["handling"] = handling_for(rng, r["result"], year, case_counter)
        tasks.extend(rows)

    # 5-8 tasks of 2026 Q3 still in progress: started in September, not finished yet.
    q3 = [t for t in tasks if (t["year"], t["q"]) == (2026, 3)]
    late_starters = sorted(q3, key=lambda t: (t["end"], t["id"]))[-20:]
    for t in rng.sample(late_starters, 6):
        t["start"] = min(t["start"], D(2026, 9, 24))
        if t["start"].month != 9:
            t["start"] = D(2026, 9, 14)
        t["end"] = None
        t["result"] = ""
        t["handling"] = ""
    return tasks


# ---------------------------------------------------------------------------------------------
# Formatting


def excel_serial(d):
    return (d - D(1899, 12, 30)).days


assert excel_serial(D(2026, 3, 5)) == 46086


def fmt_2025(d, slash):
    if d is None:
        return ""
    return "%d/%d/%d" % (d.year, d.month, d.day) if slash else d.isoformat()


def fmt_2026(d, style):
    if d is None:
        return ""
    if style == "iso":
        return d.isoformat()
    if style == "slash":
        return "%d/%d/%d" % (d.year, d.month, d.day)
    if style == "dot":
        return "%d.%d.%d" % (d.year, d.month, d.day)
    if style == "cn":
        return "%d年%d月%d日" % (d.year, d.month, d.day)
    if style == "serial":
        return str(excel_serial(d))
    raise ValueError(style)


def csv_text(header, rows, lineterminator):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=lineterminator)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def write_bytes(rel, data):
    path = ROOT / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def write_text(rel, text):
    return write_bytes(rel, text.encode("utf-8"))


HEADER_2025 = ["任务编号", "抽查批次", "执法机构", "监管对象类别", "抽查事项", "检查对象名称", "统一社会信用代码",
               "地址", "执法人员", "检查开始日期", "检查结束日期", "检查结果", "处理情况", "是否联合检查"]
HEADER_2026 = ["抽查任务编号", "检查对象名称", "统一社会信用代码", "对象类型", "检查事项", "实施单位", "检查人员",
               "检查开始日期", "检查完成日期", "检查结果", "处置情况", "联合检查部门", "所属季度", "联系电话"]


def fake_phone(rng):
    if rng.random() < 0.45:
        return "0755-%d%07d" % (rng.choice([2, 8]), rng.randint(0, 9999999))
    return "1%s%08d" % (rng.choice(["35", "36", "37", "38", "39", "50", "58", "59", "86", "88"]), rng.randint(0, 99999999))


def write_2025(rng, tasks):
    rows = []
    for t in tasks:
        if t["year"] != 2025:
            continue
        slash = rng.random() < 0.15
        e = t["entity"]
        rows.append([
            t["id"], "%d年%s" % (t["year"], QUARTER_CN[t["q"]]), t["unit"], t["category"], t["matter"],
            e.name, e.code, e.address, t["inspectors"], fmt_2025(t["start"], slash), fmt_2025(t["end"], slash),
            t["result"], t["handling"], "是" if t["joint"] else "否",
        ])
    text = csv_text(HEADER_2025, rows, "\r\n")
    write_bytes("data/tasks/2025.csv", text.encode("utf-8-sig"))
    return len(rows)


def write_2026(rng, tasks):
    rows = []
    phones = {}
    for t in tasks:
        if t["year"] != 2026:
            continue
        style = rng.choices(["iso", "slash", "dot", "cn", "serial"], weights=[50, 20, 10, 12, 8])[0]
        e = t["entity"]
        if e.name not in phones:
            phones[e.name] = fake_phone(rng)
        quarter = "%dQ%d" % (t["year"], t["q"]) if rng.random() < 0.75 else "%d年%s" % (t["year"], QUARTER_CN[t["q"]])
        rows.append([
            t["id"], e.name, e.code, t["category"], t["matter"], t["unit"], t["inspectors"],
            fmt_2026(t["start"], style), fmt_2026(t["end"], style), t["result"], t["handling"], t["depts"],
            quarter, phones[e.name],
        ])
    text = csv_text(HEADER_2026, rows, "\r\n")
    write_bytes("data/tasks/2026/2026-q1-q3.csv", text.encode("gbk"))
    return len(rows)


WITHDRAWAL = "该任务检查对象已注销，抽查任务经平台撤销，原公示结果撤回"


def write_ledger(rng, tasks):
    completed = [t for t in tasks if t["end"] is not None]
    candidates = [t for t in completed if (t["year"], t["q"]) == (2025, 2) and t["result"] == "未发现问题"]
    excused = rng.choice(candidates)
    rows = []
    for t in completed:
        if t is excused:
            rows.append(("task", t["id"], t["end"] + dt.timedelta(days=45), EXCUSE))
        else:
            rows.append(("task", t["id"], t["end"] + dt.timedelta(days=rng.randint(1, 10)), ""))
    quarters = {}
    for year, q in [(2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1), (2026, 2), (2026, 3)]:
        _, last = quarter_bounds(year, q)
        day = last + dt.timedelta(days=rng.randint(3, 8))
        quarters[(year, q)] = day
        rows.append(("quarter", "%dQ%d" % (year, q), day, ""))
    rows.sort(key=lambda r: (r[2], r[1]))
    # One result withdrawn on purpose (撤回), twelve days after it was published: its page
    # keeps its address with a notice. Chosen without the random generator, so that the rest of
    # the sample stays as it was.
    withdrawn = [t for t in candidates if t is not excused][2]
    published = next(r[2] for r in rows if r[0] == "task" and r[1] == withdrawn["id"])
    rows.append(("withdrawn", withdrawn["id"], published + dt.timedelta(days=12), WITHDRAWAL))
    # Rows from before gongshi recorded digests: their digest cells are empty.
    text = csv_text(["kind", "id", "published_on", "late_reason", "digest"],
                    [(k, i, d.isoformat(), why, "") for k, i, d, why in rows], "\n")
    write_text("data/published.csv", text)
    return len(rows), excused, quarters


# ---------------------------------------------------------------------------------------------
# Content


GONGSHI_TOML = """[site]
title = "{title}"
base_url = "{base_url}"
bureau = "深圳市生态环境局坪山管理局"

[disclosure]
task_working_days = 18
quarter_natural_days = 13
quarter_anchor = "quarter_end"
roll_forward = true
warn_within_working_days = 3

# 坪山管理局's 2023 plan gave 20 working days; tasks that ended by then keep that rule.
[[disclosure.period]]
until = "2023-12-31"
task_working_days = 20

[privacy]
publish_inspectors = false
"""

ABOUT = """+++
title = "关于本站"
date = 2025-01-15
updated = 2025-03-10
draft = false
+++

本站公示深圳市生态环境局坪山管理局“双随机、一公开”生态环境执法检查的抽查结果。

## 什么是“双随机、一公开”

“双随机、一公开”是指在监管过程中随机抽取检查对象、随机选派执法检查人员，抽查情况及查处结果及时向社会公开。
坪山管理局每季度在广东省生态环境量化监管平台按规定比例随机抽取辖区内的监管对象（一般、重点、特殊监管对象，
建设项目，土壤污染重点监管单位，社会生态环境监测机构，加油站和储油库、机动车排放检验机构、柴油车用车大户等），
并随机匹配执法人员生成检查任务，按计划逐月开展执法检查。

## 公示时限

- **单个任务**：每一个双随机任务自检查结束之日起 **18个工作日** 内，在广东省行政执法信息公示平台和
  市生态环境局官网公示检查情况。期间按《民法典》第二百零一条，检查结束当日不计入。
- **季度情况**：每季度结束后 **13个自然日** 内公示本季度检查情况；期限最后一日为法定休假日的，
  以休假日结束的次日为期限的最后一日（《民法典》第二百零三条）。

本站每次生成时都会核对上述时限：逾期未公示或逾期公示的任务会在生成时报告，不会被悄悄略过。
尚在检查中的任务计入季度统计，但不公示检查结果。

## 个人信息保护

依照《中华人民共和国政府信息公开条例》第十五条，本站不公开执法人员姓名及执法证号，
公示内容中的身份证号码、电话号码、银行账号等个人信息一律作遮蔽处理。

## 联系我们

- 单位：深圳市生态环境局坪山管理局
- 地址：深圳市坪山区坪山街道（示例地址）
- 总机：0755-2899 0000（工作日 9:00–12:00，14:00–18:00）

> 说明：本仓库中的检查对象、统一社会信用代码、执法人员和电话号码均为程序生成的虚构示例数据，
> 与任何真实单位或个人无关。
"""

PLAN_2025 = """+++
title = "2025年生态环境执法计划（摘要）"
date = 2025-03-10
draft = false
+++

《深圳市生态环境局坪山管理局2025年生态环境执法计划》围绕深入打好污染防治攻坚战，
针对污染源开展“双随机、一公开”日常执法检查，针对问题线索开展个案执法检查，
针对突出问题按程序适时开展专项执法检查。本页摘录与抽查公示有关的要点。

## 主要目标

- 按时100%完成“双随机、一公开”执法检查任务；
- 全年抽查重点污染源不少于总数的 **50%**，开展联合检查不少于总数的 **30%**；
- 季度内各月完成率依次达到 **30%、60%、100%**。

## 抽查比例（每季度）

| 监管对象 | 抽取比例 |
|---|---|
| 一般监管对象 | 当季参与执法检查人员总数的 2.5 倍（全年不少于执法人员数量的 10 倍） |
| 重点监管对象 | 不少于 12.5% |
| 特殊监管对象 | 不少于 25% |
| 建设项目（一般） | 执法人员总数的 2.5 倍 |
| 建设项目（重点） | 2.5% |
| 土壤污染重点监管单位 | 5% |
| 建设用地土壤污染风险管控和修复地块 | 每月 100% |
| 社会生态环境监测机构 | 10%（不足 1 家按 1 家计，原则上本年度不重复检查） |

移动源方面，对辖区 40 家柴油车用车大户、9 家机动车排放检验机构、10 家加油站，
按市生态环境局移动源处每季度抽取的名单开展检查。

## 联合检查

全年跨部门联合检查任务数不低于双随机任务总数的 30%，10 月底前完成所有跨部门联合抽查任务，
会同辖区市场监管、应急管理、住房和建设等职能部门开展。

## 信息公开

每一个双随机任务检查结束之日起 **18个工作日** 内，在广东省行政执法信息公示平台、
市生态环境局官网公示检查情况；每季度结束后 **13个自然日** 内，在市生态环境局官网公示季度检查情况，
接受社会监督。（2023年计划规定的任务公示时限为 20 个工作日。）
"""


def quarter_note(tasks, year, q, published):
    qt = [t for t in tasks if (t["year"], t["q"]) == (year, q)]
    n = len(qt)
    joint = sum(1 for t in qt if t["joint"])
    months = [sum(1 for t in qt if t["end"].month == 3 * q - 2 + i) for i in range(3)]
    cum = [sum(months[: i + 1]) for i in range(3)]
    cases = [t for t in qt if t["result"] == "立案查处"]
    lines = [
        "+++",
        'title = "%d年%s“双随机、一公开”抽查情况说明"' % (year, QUARTER_CN[q]),
        "date = %s" % published.isoformat(),
        "draft = false",
        "+++",
        "",
        "%d年%s，坪山管理局在省生态环境量化监管平台随机抽取检查对象和执法人员，共生成检查任务 **%d** 个，"
        "已全部完成检查。其中跨部门联合检查 %d 个，占 %.1f%%。" % (year, QUARTER_CN[q], n, joint, 100.0 * joint / n),
        "",
    ]
    # The page computes the figures by category, result and month itself: the note explains them.
    behind = [i for i in range(2) if cum[i] * 100 < (30, 60)[i] * n]
    if behind:
        i = behind[0]
        lines.append(
            "第%s个月末累计完成 %.0f%%，略低于计划进度 %d%%，主要因部分检查对象停产整顿、需另行约定检查时间；"
            "季度末已全部完成。" % ("一二"[i], 100.0 * cum[i] / n, (30, 60)[i]))
        lines.append("")
    lines += ["本季度说明：", ""]
    if cases:
        lines.append("- 本季度立案查处 %d 宗，案件信息另行在行政处罚信息公示栏目公开。" % len(cases))
    lines += [
        "- 发现问题的检查对象均已责令改正，执法人员将跟进复查整改情况。",
        "- 各任务检查结果已在检查结束之日起18个工作日内逐一公示。",
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The failing example


EXAMPLE_README = """# missed-deadline: a site that must fail

Run `cargo run -- check --site examples/missed-deadline --as-of 2025-12-01`
(or `build --no-ledger`, which also writes the site without touching the committed ledger).
Expected: exit code 1, with one task published late without a reason ({late}) and one
completed task with no result and no ledger row, now overdue ({overdue}).
"""


def write_example(rng, pools, inspectors):
    base = "examples/missed-deadline/"
    write_text(base + "gongshi.toml", GONGSHI_TOML.format(
        title="示例：逾期未公示的站点", base_url="https://example.org/missed-deadline"))
    cats = ["一般监管对象"] * 6 + ["重点监管对象"] * 3 + ["特殊监管对象", "建设项目（一般）", "加油站和储油库"]
    ents = []
    for cat in cats:
        while True:
            e = rng.choice(pools[cat])
            if e not in ents:
                ents.append(e)
                break
    rows = []
    for e in ents:
        start, end = pick_dates(rng, 2025, 3)
        unit = UNITS[UNIT_BY_STREET[e.street]]
        rows.append({"entity": e, "start": start, "end": end, "unit": unit,
                     "matter": rng.choice(MATTERS[e.category]),
                     "result": "未发现问题" if rng.random() < 0.8 else "发现问题经责令已改正"})
    rows.sort(key=lambda r: (r["start"], r["end"], r["entity"].name))
    for i, r in enumerate(rows, 1):
        r["id"] = "EX-2025-Q3-%04d" % i
        r["handling"] = "已责令改正并复查" if r["result"] == "发现问题经责令已改正" else ""
    # late: an early (July/August) task published end + 40 days; overdue: a September task with no result
    late = next(r for r in rows if r["end"] <= D(2025, 8, 20))
    overdue = [r for r in rows if r["end"].month == 9][-1]
    overdue["result"] = ""
    overdue["handling"] = ""
    header = ["task_id", "unit", "category", "matter", "entity", "credit_code", "start", "end", "result", "handling"]
    text = csv_text(header, [
        [r["id"], r["unit"], r["entity"].category, r["matter"], r["entity"].name, r["entity"].code,
         r["start"].isoformat(), r["end"].isoformat(), r["result"], r["handling"]] for r in rows], "\n")
    write_text(base + "data/tasks/tasks.csv", text)
    ledger = []
    for r in rows:
        if r is overdue:
            continue
        days = 40 if r is late else 3
        ledger.append(("task", r["id"], r["end"] + dt.timedelta(days=days), ""))
    ledger.append(("quarter", "2025Q3", D(2025, 10, 9), ""))
    ledger.sort(key=lambda x: (x[2], x[1]))
    write_text(base + "data/published.csv", csv_text(
        ["kind", "id", "published_on", "late_reason", "digest"],
        [(k, i, d.isoformat(), w, "") for k, i, d, w in ledger], "\n"))
    write_text(base + "README.md", EXAMPLE_README.format(late=late["id"], overdue=overdue["id"]))
    return len(rows), late["id"], overdue["id"]


# ---------------------------------------------------------------------------------------------


def main():
    rng = random.Random(SEED)
    pools = build_entities(rng)
    inspectors = build_inspectors(rng)
    tasks = build_tasks(rng, pools, inspectors)
    n2025 = write_2025(rng, tasks)
    n2026 = write_2026(rng, tasks)
    nledger, excused, quarter_days = write_ledger(rng, tasks)
    write_text("gongshi.toml", GONGSHI_TOML.format(
        title="深圳市生态环境局坪山管理局 双随机、一公开 抽查结果公示",
        base_url="https://meeb.sz.gov.cn/pingshan/shuangsuiji"))
    write_text("content/about.md", ABOUT)
    write_text("content/plans/2025.md", PLAN_2025)
    write_text("content/quarters/2025q3.md", quarter_note(tasks, 2025, 3, quarter_days[(2025, 3)]))
    nex, late, overdue = write_example(rng, pools, inspectors)
    in_progress = [t["id"] for t in tasks if t["end"] is None]
    print("data/tasks/2025.csv: %d rows" % n2025)
    print("data/tasks/2026/2026-q1-q3.csv: %d rows (%d in progress: %s)" % (n2026, len(in_progress), ", ".join(in_progress)))
    print("data/published.csv: %d rows; excused late task %s" % (nledger, excused["id"]))
    print("examples/missed-deadline: %d tasks; late %s, overdue %s" % (nex, late, overdue))


if __name__ == "__main__":
    main()
