#!/usr/bin/env python3
"""Write a synthetic liaison-station site for benchmarking `liaison` against Hugo.

usage: gen.py --scale {county,city,province} --format {liaison,hugo} --out DIR [--force] [--ledgers]

Everything is drawn from one fixed seed with a small PRNG of our own (not `random`, whose
algorithms may change between Python versions), so a scale always gives the same bytes. The
two formats carry the same regions, stations, representatives, bulletins and Markdown bodies;
only the front matter and the templates differ. The Hugo format copies its layouts and CSS
from hugo/ next to this file.

Scales (regions / stations / representatives / bulletin issues):
  county      18 /    99 /   1,000 /  40
  city       150 / 1,300 /  14,000 / 200
  province 1,661 / 13,195 / 140,000 / 709   (the figures of one real province)

All places, people, phone numbers and texts are invented.
"""
import argparse
import datetime as dt
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20240701

# ---------------------------------------------------------------------------------------------
# Randomness


class Rng:
    """splitmix64: tiny, fast enough, and the same on every Python."""

    MASK = (1 << 64) - 1

    def __init__(self, seed):
        self.state = seed & self.MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n

    def between(self, lo, hi):
        """An integer in [lo, hi]."""
        return lo + self.below(hi - lo + 1)

    def chance(self, percent):
        return self.below(10000) < percent * 100

    def pick(self, seq):
        return seq[self.below(len(seq))]

    def weighted(self, pairs):
        total = sum(w for _, w in pairs)
        x = self.below(total)
        for value, w in pairs:
            if x < w:
                return value
            x -= w
        return pairs[-1][0]

    def shuffle(self, seq):
        for i in range(len(seq) - 1, 0, -1):
            j = self.below(i + 1)
            seq[i], seq[j] = seq[j], seq[i]

    def sample(self, seq, k):
        pool = list(seq)
        out = []
        for _ in range(min(k, len(pool))):
            out.append(pool.pop(self.below(len(pool))))
        return out


def split(total, parts, rng, minimum=1, jitter=0.3):
    """Split `total` into `parts` positive counts of roughly equal size."""
    base = total // parts
    counts = [base] * parts
    for i in range(total - base * parts):
        counts[i % parts] += 1
    moves = int(parts * 2)
    span = max(1, int(base * jitter))
    for _ in range(moves):
        a, b = rng.below(parts), rng.below(parts)
        d = rng.between(1, span)
        if a != b and counts[a] - d >= minimum:
            counts[a] -= d
            counts[b] += d
    return counts


# ---------------------------------------------------------------------------------------------
# Word lists (invented for this benchmark)


def pairs(text):
    return [tuple(item.split(":")) for item in text.split()]


PLACE_CHARS = pairs(
    "青:qing 石:shi 桥:qiao 河:he 山:shan 水:shui 岭:ling 溪:xi 塘:tang 湾:wan 坪:ping 田:tian "
    "湖:hu 洲:zhou 桃:tao 杏:xing 杨:yang 柳:liu 松:song 竹:zhu 梅:mei 枫:feng 龙:long 凤:feng "
    "云:yun 霞:xia 金:jin 银:yin 铜:tong 马:ma 鹤:he 雁:yan 泉:quan 潭:tan 渡:du 坝:ba 峰:feng "
    "岩:yan 沙:sha 白:bai 新:xin 安:an 宁:ning 丰:feng 平:ping 长:chang 永:yong 乐:le 福:fu "
    "兴:xing 和:he 东:dong 西:xi 南:nan 北:bei 中:zhong 上:shang 大:da 古:gu 茶:cha 桑:sang "
    "荷:he 莲:lian 蒲:pu 芦:lu 橘:ju 樟:zhang 槐:huai 榆:yu 麓:lu 源:yuan 陂:bei 垭:ya 冲:chong "
    "港:gang 堤:di 畈:fan 垅:long 林:lin 花:hua 泥:ni 黄:huang 仙:xian 狮:shi 象:xiang 牛:niu"
)

# (surname, pinyin, weight); weights loosely follow how common the names are.
SURNAMES = [
    (s, p, w)
    for group, w in (
        ("王:wang 李:li 张:zhang 刘:liu 陈:chen", 60),
        ("杨:yang 黄:huang 赵:zhao 吴:wu 周:zhou 徐:xu 孙:sun 马:ma 朱:zhu 胡:hu", 25),
        ("郭:guo 何:he 林:lin 罗:luo 高:gao 郑:zheng 梁:liang 谢:xie 宋:song 唐:tang 许:xu "
         "韩:han 邓:deng 冯:feng 曹:cao 彭:peng 曾:zeng 肖:xiao 田:tian 董:dong", 12),
        ("潘:pan 袁:yuan 蔡:cai 蒋:jiang 余:yu 杜:du 叶:ye 程:cheng 魏:wei 苏:su 吕:lyu 丁:ding "
         "任:ren 卢:lu 姚:yao 沈:shen 钟:zhong 姜:jiang 崔:cui 谭:tan 陆:lu 范:fan 汪:wang "
         "廖:liao 石:shi 金:jin 贾:jia 夏:xia 付:fu 方:fang 邹:zou 熊:xiong 白:bai 孟:meng "
         "秦:qin 邱:qiu 侯:hou 江:jiang 尹:yin 薛:xue 段:duan 雷:lei 龙:long 黎:li 史:shi "
         "陶:tao 贺:he 毛:mao 郝:hao 顾:gu 龚:gong 邵:shao 万:wan 覃:qin 武:wu 钱:qian 戴:dai "
         "严:yan 莫:mo 孔:kong 向:xiang 常:chang 汤:tang 康:kang 易:yi 文:wen 舒:shu 柏:bai", 5),
        ("欧阳:ouyang 司马:sima 诸葛:zhuge 上官:shangguan 皇甫:huangfu 司徒:situ 令狐:linghu "
         "慕容:murong 夏侯:xiahou 东方:dongfang 尉迟:yuchi 公孙:gongsun 端木:duanmu", 2),
    )
    for s, p in pairs(group)
]
SURNAME_WEIGHTED = [((s, p), w) for s, p, w in SURNAMES]

GIVEN_MALE = pairs(
    "伟:wei 强:qiang 军:jun 平:ping 刚:gang 勇:yong 杰:jie 涛:tao 明:ming 超:chao 华:hua 建:jian "
    "国:guo 志:zhi 文:wen 斌:bin 辉:hui 林:lin 海:hai 峰:feng 波:bo 磊:lei 鹏:peng 宇:yu 浩:hao "
    "凯:kai 健:jian 俊:jun 德:de 成:cheng 兴:xing 福:fu 生:sheng 东:dong 新:xin 春:chun 松:song "
    "山:shan 永:yong 长:chang 光:guang 庆:qing 良:liang 清:qing 武:wu 宏:hong 毅:yi 亮:liang "
    "树:shu 根:gen 友:you 才:cai 立:li 中:zhong 小:xiao 卫:wei 红:hong"
)
GIVEN_FEMALE = pairs(
    "芳:fang 娟:juan 敏:min 静:jing 丽:li 艳:yan 霞:xia 玲:ling 燕:yan 萍:ping 红:hong 秀:xiu "
    "英:ying 兰:lan 梅:mei 琴:qin 娜:na 慧:hui 莉:li 婷:ting 雪:xue 琳:lin 颖:ying 倩:qian "
    "洁:jie 蓉:rong 云:yun 桂:gui 凤:feng 珍:zhen 翠:cui 晓:xiao 佳:jia 嘉:jia 欣:xin 悦:yue "
    "芬:fen 菊:ju 莲:lian 春:chun 小:xiao 丹:dan 雅:ya 素:su"
)

ROADS = ["人民路", "解放街", "建设路", "新华街", "中山路", "和平路", "胜利街", "文化路", "兴业大道",
         "滨河路", "府前街", "学府路", "迎宾大道", "工业路", "车站路", "青年路", "繁荣街", "振兴路"]
BUILDINGS = ["便民服务中心二楼", "党群服务中心一楼", "综合楼三楼", "文化服务中心二楼", "政务服务大厅东侧",
             "人大代表活动室", "老年活动中心旁", "综合服务大楼 201 室", "新时代文明实践站二楼"]
HOURS = ["工作日 08:30-12:00，14:30-17:30", "工作日 09:00-17:00", "每周一至周五 08:00-12:00",
         "周二、周四全天", "工作日上午 08:30-11:30", "每月接待日及工作日 09:00-16:30"]
OFFICE_THEMES = pairs(
    "法律服务:falv 医疗卫生:yiliao 企业服务:qiye 农业技术:nongji 教育:jiaoyu 生态环保:shengtai "
    "民营经济:minying 乡村振兴:xiangcun 退役军人:tuiyi 妇女儿童:fuer 食品安全:shipin 商会:shanghui"
)
AREA_NAMES = pairs("东片:dongpian 西片:xipian 南片:nanpian 北片:beipian 城区:chengqu 园区:yuanqu 库区:kuqu 山区:shanqu")
KIND_LABEL = {"center": "中心联络站", "area": "片区联络站", "group": "代表小组联络站", "home": "代表之家", "office": "代表工作室"}
LEVELS = ["national", "provincial", "city", "county", "township"]
LEVEL_WORD = {"national": "全国", "provincial": "省", "city": "市", "county": "县", "township": "乡镇"}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

TOPICS = ["农村公路提质改造", "集镇污水管网建设", "学校周边交通安全", "老旧小区改造", "农产品冷链物流",
          "河道清淤疏浚", "居家养老服务", "城乡居民医保报销", "村组路灯安装", "生活垃圾分类",
          "高标准农田建设", "集贸市场提质", "城乡公交线路延伸", "山塘水库除险加固", "农村饮水安全",
          "背街小巷硬化", "幼儿园学位紧张", "农村电网改造", "防汛物资储备", "乡村医生待遇",
          "油茶产业扶持", "电动自行车充电设施", "停车位规划", "光纤网络进村", "农房安全排查",
          "留守儿童关爱", "就业技能培训", "森林防火", "耕地撂荒整治", "校车运行"]
DEPTS = ["交通运输局", "住房和城乡建设局", "水利局", "农业农村局", "教育局", "卫生健康局", "民政局",
         "自然资源局", "市场监督管理局", "城市管理和综合执法局", "人力资源和社会保障局", "林业局"]
ACTIVITIES = ["代表进站听民意", "乡村振兴代表在行动", "民生实事代表议", "我为群众办实事", "法律进乡村",
              "安全生产大家谈", "优化营商环境", "代表夜访", "助企纾困", "共建美丽家园"]
UNITS = [
    ("{gov}", ["{head}", "副{head}", "党（工）委委员"]),
    ("{town}{place}村民委员会", ["村党总支书记、村委会主任", "村委会委员", "村民小组长"]),
    ("{town}{place}社区居民委员会", ["社区党委书记、居委会主任", "网格员"]),
    ("{county}人民医院", ["院长", "主任医师", "护士长"]),
    ("{town}中心学校", ["校长", "教师", "教导主任"]),
    ("{town}卫生院", ["院长", "乡村医生"]),
    ("{county}{brand}农业专业合作社", ["理事长", "技术员"]),
    ("{brand}建材有限公司", ["董事长", "总经理", "车间主任"]),
    ("{brand}茶业有限公司", ["总经理", "制茶师"]),
    ("{county}{brand}律师事务所", ["主任", "律师"]),
    ("{county}供电公司{town}供电所", ["所长", "电工"]),
    ("{town}{place}家庭农场", ["负责人"]),
    ("{brand}食品有限公司", ["董事长", "质检员"]),
    ("{county}第一中学", ["校长", "教师"]),
]

REPORT_SENTENCES = [
    "{month}月{day}日，{rep}等{small}名代表在{station}接待来访群众，现场登记意见建议{small2}条。",
    "接待中，{place}村村民反映{topic}推进缓慢，希望代表帮助协调。",
    "代表们当场与{dept}电话沟通，约定一周内到现场查看。",
    "对能够当场答复的问题，代表们现场解答；需要部门办理的，填写交办单，限期反馈。",
    "截至目前，该站今年已累计接待群众{big}人次，办结群众诉求{small2}件。",
    "{town}人大主席团把{topic}列为今年重点督办事项，实行“一事一档、办结销号”。",
    "代表们分成{small}个小组，利用农闲时间走村入户，面对面听取群众意见。",
    "针对群众反映集中的{topic}问题，代表们开展专题调研，形成调研报告{small}份。",
    "{dept}负责同志表示，将把代表建议纳入明年工作计划，分步实施。",
    "不少群众说：“有事找代表，现在真方便。”",
    "联络站还把接待日安排印成明白卡，发到每家每户。",
    "此次活动共收集意见建议{small2}条，涉及{topic}、{topic2}等方面。",
    "{rep}代表长期关注{topic}，先后{small}次在代表大会上提出相关建议。",
    "目前，相关工程已完成招标，预计{month2}月底前完工。",
    "下一步，{town}将进一步规范联络站运行，推动代表履职常态化。",
    "会议要求，各联络站要落实好接待日制度，做到有场所、有制度、有活动、有成效。",
    "在{place}村，代表们实地察看了{topic}项目现场，详细询问工程进度和资金使用情况。",
    "群众反映的问题，属于乡镇职权范围的由镇村两级限时办理，需要上级解决的由代表依法提出建议。",
    "活动结束后，联络站将收集到的意见逐条录入台账，明确责任单位和办理时限。",
    "{rep}说：“群众的事再小也是大事，我们要一件一件抓落实。”",
    "今年以来，全{county_kind}各联络站共开展接待活动{big}场次，参与代表{big2}人次。",
    "{dept}已安排专项资金{small2}万元，用于{topic}。",
]
ARTICLE_TITLES = [
    "{town}：代表接待日走进{place}村",
    "{station}开展“{activity}”主题活动",
    "{county}人大常委会召开代表联络站建设推进会",
    "小站点办成大实事——{topic}问题解决记",
    "{rep}代表：把群众的事当成自己的事",
    "{town}人大督办{topic}建议见实效",
    "{county}开展代表联络站星级评定",
    "家门口的“连心站”",
    "一张明白卡　联系千家万户",
    "{place}村：代表“夜访”听民声",
    "{topic}有了新进展",
    "{town}代表小组活动日聚焦{topic}",
]
SUBSECTIONS = ["### 一、主要做法", "### 二、取得的成效", "### 三、下一步打算"]
REP_SENTENCES = [
    "{pron}长期关注{topic}，多次在接待日听取群众意见。",
    "任职以来，{pron}提出意见建议{small2}件，其中关于{topic}的建议已办理落实。",
    "{pron}坚持每月到联络站接待群众，帮助解决{topic}等实际困难。",
    "{pron}积极参加代表小组活动，参与{topic}专题调研。",
    "在{place}村，{pron}牵头推动了{topic}项目落地。",
]


# ---------------------------------------------------------------------------------------------
# The model


SCALES = {
    # regions = 1 province + cities + counties + townships + villages
    "county": dict(cities=1, counties=1, townships=12, villages=3, stations=99, reps=1000,
                   bulletins=40, first_year=2021, total_before=58),
    "city": dict(cities=1, counties=10, townships=120, villages=18, stations=1300, reps=14000,
                 bulletins=200, first_year=2020, total_before=131),
    "province": dict(cities=14, counties=122, townships=1424, villages=100, stations=13195,
                     reps=140000, bulletins=709, first_year=2011, total_before=0),
}
PROVINCE = ("470000", "云梦省", "yunmeng")  # 47 is not a GB/T 2260 province prefix
LAST_BULLETIN_DAY = dt.date(2024, 6, 28)  # before the benchmark's --date 2024-07-01


class Region:
    __slots__ = ("code", "name", "parent", "level", "pinyin", "children", "area_code")

    def __init__(self, code, name, parent, level, pinyin):
        self.code, self.name, self.parent, self.level, self.pinyin = code, name, parent, level, pinyin
        self.children = []
        self.area_code = parent.area_code if parent else None


class Station:
    __slots__ = ("slug", "name", "kind", "region", "town", "county", "reps", "fields", "receptions", "body")

    def __init__(self, slug, name, kind, region, town, county):
        self.slug, self.name, self.kind, self.region = slug, name, kind, region
        self.town, self.county = town, county
        self.reps = []


class Rep:
    __slots__ = ("slug", "name", "gender", "levels", "station", "fields", "body")


class Model:
    def __init__(self, scale):
        self.cfg = SCALES[scale]
        self.scale = scale
        self.rng = Rng(SEED * 31 + len(scale))
        self.slugs = set()
        self.names_by_parent = {}
        self.regions = []
        self.stations = []
        self.reps = []
        self.bulletins = []
        self.make_regions()
        self.make_stations()
        self.make_reps()
        self.by_town = {}
        for st in self.stations:
            self.by_town.setdefault(st.town.code, []).append(st)
            self.fill_station(st)
        self.make_bulletins()

    # -- helpers -------------------------------------------------------------------------------

    def unique_slug(self, base):
        slug, n = base, 1
        while slug in self.slugs:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.add(slug)
        return slug

    def place(self, parent_key=None, avoid=()):
        """A two-character place name and its pinyin, unique under parent_key."""
        used = self.names_by_parent.setdefault(parent_key, set()) if parent_key else set()
        for _ in range(200):
            a, b = self.rng.pick(PLACE_CHARS), self.rng.pick(PLACE_CHARS)
            name = a[0] + b[0]
            if a[0] == b[0] or name in used or name in avoid:
                continue
            used.add(name)
            return name, a[1] + b[1]
        raise RuntimeError("ran out of place names")

    def person(self, gender=None):
        rng = self.rng
        gender = gender or ("男" if rng.chance(62) else "女")
        sur, sur_py = rng.weighted(SURNAME_WEIGHTED)
        pool = GIVEN_MALE if gender == "男" else GIVEN_FEMALE
        given = [rng.pick(pool)]
        if len(sur) == 1 and rng.chance(65) or len(sur) == 2 and rng.chance(30) or given[0][0] == "小":
            second = rng.pick(pool)
            while second[0] in ("小", given[0][0]):
                second = rng.pick(pool)
            given.append(second)
        name = sur + "".join(g[0] for g in given)
        return name, gender, f"{sur_py}-{''.join(g[1] for g in given)}"

    def phone(self, region):
        return f"0{region.area_code}-{self.rng.between(2, 8)}{self.rng.below(1000000):06d}"

    def mobile(self):
        return f"1{self.rng.pick('35789')}{self.rng.below(10)}{self.rng.below(100000000):08d}"

    # -- regions -------------------------------------------------------------------------------

    def add_region(self, code, name, parent, level, pinyin):
        r = Region(code, name, parent, level, pinyin)
        if parent:
            parent.children.append(r)
        self.regions.append(r)
        return r

    def make_regions(self):
        rng, cfg = self.rng, self.cfg
        prov = self.add_region(PROVINCE[0], PROVINCE[1], None, "province", PROVINCE[2])
        cities = []
        for i in range(cfg["cities"]):
            name, py = self.place("cities")
            city = self.add_region(f"47{i + 1:02d}00", name + "市", prov, "city", py + "shi")
            city.area_code = f"7{i + 10:02d}"
            cities.append(city)
        counties = []
        for city, n in zip(cities, split(cfg["counties"], len(cities), rng, minimum=3)):
            districts = max(1, n * 3 // 10) if n > 1 else 0
            towns_made = 0
            for j in range(n):
                if j < districts:
                    num, suffix, spy = 2 + j, "区", "qu"
                elif j == n - 1 and n > 4:
                    num, suffix, spy = 81, "市", "shi"
                else:
                    num, suffix, spy = 21 + towns_made, "县", "xian"
                    towns_made += 1
                name, py = self.place("counties")
                counties.append(self.add_region(f"{city.code[:4]}{num:02d}", name + suffix, city, "county", py + spy))
        townships = []
        for county, n in zip(counties, split(cfg["townships"], len(counties), rng, minimum=4)):
            streets = n // 4 if county.name.endswith("区") else n // 8
            xiang = n // 4
            kinds = ["jiedao"] * streets + ["zhen"] * (n - streets - xiang) + ["xiang"] * xiang
            counters = {"jiedao": 1, "zhen": 100, "xiang": 200}
            for kind in kinds:
                num = counters[kind]
                counters[kind] += 1
                name, py = self.place(county.code)
                label = {"jiedao": "街道", "zhen": "镇", "xiang": "乡"}[kind]
                townships.append(self.add_region(f"{county.code}{num:03d}", name + label, county, "township", py + kind))
        self.townships = townships
        self.counties = counties
        self.cities = cities
        self.province = prov
        villages = []
        for town in rng.sample(townships, cfg["villages"]):
            name, py = self.place(town.code)
            if town.pinyin.endswith("jiedao") or rng.chance(25):
                villages.append(self.add_region(f"{town.code}{1 + len(town.children):03d}", name + "社区", town, "village", py + "shequ"))
            else:
                villages.append(self.add_region(f"{town.code}{201 + len(town.children):03d}", name + "村", town, "village", py + "cun"))
        self.villages = villages
        # the order of regions.toml: depth first, as an office would list them
        ordered = []

        def walk(r):
            ordered.append(r)
            for c in sorted(r.children, key=lambda x: x.code):
                walk(c)

        walk(prov)
        self.regions = ordered

    def county_of(self, r):
        while r.level not in ("county", "city", "province"):
            r = r.parent
        return r

    def town_of(self, r):
        while r.level == "village":
            r = r.parent
        return r

    # -- stations ------------------------------------------------------------------------------

    def add_station(self, slug_base, name, kind, region):
        town = self.town_of(region)
        st = Station(self.unique_slug(slug_base), name, kind, region, town, self.county_of(region))
        self.stations.append(st)
        return st

    def make_stations(self):
        rng, cfg = self.rng, self.cfg
        if self.scale != "county":
            for city in self.cities:
                self.add_station(f"{city.pinyin}-home", f"{city.name}人大代表之家", "home", city)
        for county in self.counties:
            self.add_station(f"{county.pinyin}-home", f"{county.name}人大代表之家", "home", county)
        for town in self.townships:
            self.add_station(f"{town.pinyin}-center", f"{town.name}人大代表中心联络站", "center", town)
        for v in self.villages:
            if v.name.endswith("社区"):
                self.add_station(f"{v.pinyin}-home", f"{v.name}人大代表之家", "home", v)
            else:
                self.add_station(f"{v.pinyin}-group", f"{v.name}代表小组联络站", "group", v)
        rest = cfg["stations"] - len(self.stations)
        for town, n in zip(self.townships, split(rest, len(self.townships), rng, minimum=2, jitter=0.6)):
            areas = list(AREA_NAMES)
            rng.shuffle(areas)
            themes = list(OFFICE_THEMES)
            rng.shuffle(themes)
            used = set()
            for _ in range(n):
                kind = rng.weighted([("area", 2), ("group", 5), ("home", 2), ("office", 2)])
                if kind == "area" and areas:
                    label, py = areas.pop()
                    self.add_station(f"{town.pinyin}-{py}-area", f"{town.name}{label}片区联络站", kind, town)
                elif kind == "office" and themes:
                    label, py = themes.pop()
                    self.add_station(f"{town.pinyin}-{py}-office", f"{town.name}{label}代表工作室", kind, town)
                elif kind == "home":
                    name, py = self.place(None, used)
                    used.add(name)
                    self.add_station(f"{town.pinyin}-{py}-home", f"{town.name}{name}社区代表之家", kind, town)
                else:
                    name, py = self.place(None, used)
                    used.add(name)
                    self.add_station(f"{town.pinyin}-{py}-group", f"{town.name}{name}村代表小组联络站", "group", town)

    def fill_station(self, st):
        rng = self.rng
        region, town, county = st.region, st.town, st.county
        where = county.name + (town.name if town is not county else "")
        if region.level == "village":
            where += region.name
        building = rng.pick(BUILDINGS)
        f = {
            "name": st.name,
            "kind": st.kind,
            "region": region.code,
            "address": f"{where}{rng.pick(ROADS)} {rng.between(1, 199)} 号{building}",
        }
        if rng.chance(92):
            f["phone"] = self.phone(region)
        if rng.chance(70):
            f["hours"] = rng.pick(HOURS)
        if rng.chance(65):
            f["location"] = {"lat": Raw(f"{rng.between(245000, 302000) / 10000:.4f}"),
                             "lon": Raw(f"{rng.between(1088000, 1142000) / 10000:.4f}")}
        if rng.chance(80):
            f["established"] = dt.date(rng.between(2015, 2023), rng.between(1, 12), rng.between(1, 28))
        if rng.chance(85):
            m, _, _ = self.person()
            if region.level == "township":
                role = "街道人大工委主任" if town.name.endswith("街道") else town.name[-1] + "人大主席"
            else:
                role = {"county": "人大常委会办公室主任", "city": "人大常委会代表工委主任",
                        "village": "党组织书记"}[region.level]
            f["manager"] = {"name": m, "role": role} | ({"phone": self.phone(region)} if rng.chance(60) else {})
        if rng.chance(60):
            m, _, _ = self.person()
            f["liaison"] = {"name": m, "phone": self.mobile()}
        st.fields = f
        st.receptions = [self.reception(st, i) for i in range(1 if rng.chance(60) else 2)]
        if rng.chance(6):
            day = dt.date(2024, 7, 1) + dt.timedelta(days=rng.between(5, 80))
            one = {"title": "专题接待", "date": day, "start": "14:30", "end": "17:00"}
            if st.reps:
                one["representatives"] = [r.slug for r in rng.sample(st.reps, 2)]
            st.receptions.append(one)
        st.body = self.station_body(st)

    def reception(self, st, i):
        rng = self.rng
        since = dt.date(rng.between(2021, 2024), rng.pick([1, 1, 1, 3, 7]), 1)
        until = None
        if rng.chance(25):
            until = dt.date(rng.between(2025, 2027), 12, 31)
        elif rng.chance(4):
            since = dt.date(2021, 1, 1)
            until = dt.date(2023, 12, 31)  # ended: listed, produces no coming dates
        style = rng.weighted([("monthday", 5), ("nthday", 5), ("weekly", 3), ("fortnight", 1), ("quarter", 1 + 2 * i)])
        occurrence = None
        if style == "monthday":
            day = rng.between(1, 28)
            rule, title = f"FREQ=MONTHLY;BYMONTHDAY={day}", "选民接待日"
            occurrence = lambda y, m: dt.date(y, m, day)
        elif style == "nthday":
            n, wd = rng.pick([1, 2, 3, 4, -1]), rng.below(5)
            rule, title = f"FREQ=MONTHLY;BYDAY={n}{WEEKDAYS[wd]}", "代表集中接待日"
            occurrence = lambda y, m: nth_weekday(y, m, n, wd)
        elif style == "weekly":
            days = sorted(rng.sample(range(5), rng.pick([1, 1, 2])))
            rule, title = f"FREQ=WEEKLY;BYDAY={','.join(WEEKDAYS[d] for d in days)}", "每周接待"
            occurrence = lambda y, m: nth_weekday(y, m, 2, days[0])
        elif style == "fortnight":
            wd = rng.below(5)
            since = since + dt.timedelta(days=(wd - since.weekday()) % 7)
            rule, title = f"FREQ=WEEKLY;INTERVAL=2;BYDAY={WEEKDAYS[wd]}", "双周夜间接待"
        else:
            rule, title = "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10", "季度代表小组活动日"
            occurrence = lambda y, m: dt.date(y, (m - 1) // 3 * 3 + 1, 10)
        start, end = rng.pick([("09:00", "11:30"), ("08:30", "12:00"), ("14:30", "17:00"), ("15:00", "17:30")])
        if style == "fortnight":
            start, end = "19:00", "21:00"
        r = {"title": title, "rrule": rule, "start": start, "end": end, "since": since}
        if until:
            r["until"] = until
        if occurrence and rng.chance(15):
            d = occurrence(rng.between(2024, 2025), rng.between(1, 12))
            if since <= d and (until is None or d <= until):
                r["except"] = [d]
        if rng.chance(20):
            r["on_holiday"] = "postpone"
        if st.reps and rng.chance(55):
            r["representatives"] = [x.slug for x in rng.sample(st.reps, rng.between(1, 3))]
        return r

    def station_body(self, st):
        rng = self.rng
        town, county = st.town, st.county
        label = KIND_LABEL[st.kind]
        established = st.fields.get("established")
        year = established.year if established else 2019
        n_reps = len(st.reps)
        parts = [
            f"{st.name}于 {year} 年建成，是{county.name if town is county else town.name}人大代表密切联系群众的"
            f"{label}。编组进站的各级人大代表 {n_reps} 名，按照“{rng.pick(ACTIVITIES)}”的要求定期开展接待活动。"
        ]
        if rng.chance(70):
            parts.append(self.paragraph(st.county, town, st, rng.between(2, 4)))
        if rng.chance(15):
            rows = ["| 年度 | 接待人次 | 收集意见建议（条） | 办结（条） | 办结率 |", "| --- | --- | --- | --- | --- |"]
            for y in (2021, 2022, 2023):
                got = rng.between(40, 180)
                done = got - rng.between(0, got // 8)
                rows.append(f"| {y} | {rng.between(120, 600)} | {got} | {done} | {done * 100 / got:.1f}% |")
            parts.append("\n".join(rows))
        if rng.chance(20):
            parts.append("站内设有：\n\n" + "\n".join(f"- {x}" for x in rng.sample(
                ["接待室", "议事室", "代表履职档案柜", "意见建议登记台", "学习培训室", "群众等候区", "代表公示栏"], 3)))
        return "\n\n".join(parts) + "\n"

    # -- representatives -----------------------------------------------------------------------

    def make_reps(self):
        rng, total = self.rng, self.cfg["reps"]
        stations = self.stations
        weights = [6 if s.kind == "home" and s.region.level in ("county", "city") else 4 if s.kind == "center" else 1
                   for s in stations]
        counts = [3] * len(stations)
        extra = total - 3 * len(stations)
        wsum = sum(weights)
        for i, w in enumerate(weights):
            counts[i] += extra * w // wsum
        for _ in range(total - sum(counts)):
            counts[rng.below(len(counts))] += 1
        # exact level quotas, handed out at random
        quota = {"national": max(1, total // 1000), "provincial": max(3, total * 6 // 1000),
                 "city": total * 5 // 100, "county": total * 25 // 100}
        quota["township"] = total - sum(quota.values())
        pool = [lvl for lvl in LEVELS for _ in range(quota[lvl])]
        rng.shuffle(pool)
        # national, provincial and city representatives mostly join the county and city homes and
        # the centers: hand them the shuffled first half of the seats, ordered heavy stations first
        order = sorted(range(len(stations)), key=lambda i: (-weights[i], rng.below(1 << 30)))
        slots = []
        for i in order:
            slots.extend([i] * counts[i])
        half = slots[: len(slots) // 2]
        rng.shuffle(half)
        slots = half + slots[len(slots) // 2:]
        levels = [x for x in pool if x in ("national", "provincial", "city")]
        levels += [x for x in pool if x in ("county", "township")]
        taken = {}
        for lvl, si in zip(levels, slots):
            st = stations[si]
            rep = Rep()
            rep.name, rep.gender, slug = self.person()
            n = taken.get(slug, 0) + 1
            taken[slug] = n
            rep.slug = slug if n == 1 else f"{slug}-{n}"
            both = {"national": ("provincial", 10), "provincial": ("city", 15), "city": ("county", 25),
                    "county": ("township", 45)}.get(lvl)
            rep.levels = [lvl, both[0]] if both and rng.chance(both[1]) else [lvl]
            rep.station = st
            st.reps.append(rep)
            self.reps.append(rep)
        self.reps.sort(key=lambda r: r.slug)
        for rep in self.reps:
            self.fill_rep(rep)

    def fill_rep(self, rep):
        rng = self.rng
        st = rep.station
        town, county = st.town, st.county
        f = {"name": rep.name}
        if rng.chance(95):
            f["gender"] = rep.gender
        f["levels"] = rep.levels
        f["station"] = st.slug
        if rng.chance(70):
            f["delegation"] = (town.name if town is not county else county.name) + rng.pick(["代表小组", "第一代表小组", "第二代表小组", "代表团"])
        unit, positions = rng.pick(UNITS)
        place, _ = self.place(None)
        tname = town.name if town is not county else "城关镇"
        street = tname.endswith("街道")
        words = dict(town=tname, county=county.name, place=place, gov=tname + ("办事处" if street else "人民政府"),
                     head="主任" if street else tname[-1] + "长",
                     brand=rng.pick(PLACE_CHARS)[0] + rng.pick(PLACE_CHARS)[0])
        unit = unit.format(**words)
        position = rng.pick(positions).format(**words)
        if rng.chance(85):
            f["unit"] = unit
            f["position"] = position
        if rng.chance(30):
            f["phone"] = self.mobile()
        rep.fields = f
        body = ""
        if rng.chance(60):
            pron = "他" if rep.gender == "男" else "她"
            lv = "、".join(LEVEL_WORD[x] for x in rep.levels)
            ctx = self.ctx(county, town, st)
            ctx["pron"] = pron
            sents = [f"{rep.name}，{unit}{position}，{lv}人大代表。"]
            sents += [s.format(**ctx) for s in rng.sample(REP_SENTENCES, rng.between(1, 3))]
            body = "".join(sents) + "\n"
            if rng.chance(20):
                body += "\n**履职重点：**\n\n" + "\n".join(f"- {t}" for t in rng.sample(TOPICS, 3)) + "\n"
        rep.body = body

    # -- prose ---------------------------------------------------------------------------------

    def ctx(self, county, town, st=None, before=None):
        """Words for the sentence templates; `before` (a date) keeps the events earlier."""
        rng = self.rng
        month = rng.between(1, before.month - 1) if before and before.month > 1 else rng.between(1, 12)
        topic, topic2 = rng.sample(TOPICS, 2)
        rep = rng.pick(st.reps).name if st and st.reps else self.person()[0]
        dept_prefix = county.name[-1] if county.level == "county" else "市"
        return {
            "town": town.name, "county": county.name, "county_kind": county.name[-1],
            "station": st.name if st else town.name + "人大代表中心联络站",
            "place": self.place(None)[0], "rep": rep, "topic": topic, "topic2": topic2,
            "dept": dept_prefix + rng.pick(DEPTS), "activity": rng.pick(ACTIVITIES),
            "month": month, "month2": rng.between(1, 12), "day": rng.between(1, 28),
            "small": rng.between(2, 9), "small2": rng.between(10, 60), "big": rng.between(100, 900),
            "big2": rng.between(1000, 5000),
        }

    def paragraph(self, county, town, st, sentences, before=None):
        ctx = self.ctx(county, town, st, before)
        return "".join(s.format(**ctx) for s in self.rng.sample(REPORT_SENTENCES, sentences))

    # -- bulletins -----------------------------------------------------------------------------

    def scope(self):
        return {"county": self.counties[0], "city": self.cities[0], "province": self.province}[self.scale]

    def make_bulletins(self):
        rng, cfg = self.rng, self.cfg
        scope = self.scope()
        years = list(range(cfg["first_year"], 2025))
        per_year = [cfg["bulletins"] // len(years)] * len(years)
        for i in range(cfg["bulletins"] % len(years)):
            per_year[-1 - i] += 1
        publisher = scope.name + ("人大常委会选举任免联络工作委员会" if self.scale == "county" else "人大常委会代表工作委员会")
        editors = [self.person()[0] for _ in range(3)]
        contact = f"电话：0{(scope.area_code or '710')}-{rng.between(2, 8)}{rng.below(1000000):06d}"
        total = cfg["total_before"]
        for year, n in zip(years, per_year):
            first = dt.date(year, 1, 8)
            last = LAST_BULLETIN_DAY if year == 2024 else dt.date(year, 12, 25)
            span = (last - first).days
            approval = f"梦内资准字（{year}）第 {rng.between(1, 40):02d} 号"
            for k in range(1, n + 1):
                total += 1
                date = first + dt.timedelta(days=span * (k - 1) // max(1, n - 1) if n > 1 else 0)
                f = {"date": date, "issue": k, "total": total, "publisher": publisher,
                     "editors": rng.sample(editors, 2), "contact": contact, "approval": approval,
                     "recipients": self.recipients(scope)}
                self.bulletins.append((year, k, f, self.bulletin_body(date)))

    def recipients(self, scope):
        short = scope.name[-1]
        pool = [f"{short}委各位常委", f"{short}人大常委会各位组成人员", f"{short}人大常委会各工作机构",
                f"{short}人民政府有关部门", "各级人大代表联络站", "各乡镇人大主席团、街道人大工委"]
        return self.rng.sample(pool, self.rng.between(3, 5))

    def bulletin_body(self, date):
        rng = self.rng
        out = []
        if rng.chance(30):
            town = rng.pick(self.townships)
            out.append(f"本期导读：{town.name}等地人大代表围绕{rng.pick(TOPICS)}开展接待和督办活动。\n")
        for _ in range(rng.between(2, 4)):
            town = rng.pick(self.townships)
            county = self.county_of(town)
            st = rng.pick(self.by_town[town.code])
            ctx = self.ctx(county, town, st, date)
            out.append("## " + rng.pick(ARTICLE_TITLES).format(**ctx) + "\n")
            if rng.chance(40):
                out.append(f"——{rng.pick([st.name + '工作综述', town.name + '代表主题活动侧记', '来自' + town.name + '的报道'])}\n")
            sections = SUBSECTIONS if rng.chance(25) else [None]
            for sec in sections:
                if sec:
                    out.append(sec + "\n")
                for _ in range(rng.between(1, 2) if sec else rng.between(3, 5)):
                    out.append(self.paragraph(county, town, st, rng.between(2, 5), date) + "\n")
            if rng.chance(10):
                rows = ["| 项目 | 数量 |", "| --- | ---: |"]
                for label in ("接待群众（人次）", "收集意见建议（条）", "已办结（条）"):
                    rows.append(f"| {label} | {rng.between(10, 900)} |")
                out.append("\n".join(rows) + "\n")
            out.append(rng.pick([f"（{town.name}人大主席团供稿）", f"（{county.name}人大常委会代表工委供稿）",
                                 "（本刊综合）", f"（{st.name}供稿）"]) + "\n")
        return "\n".join(out)


def nth_weekday(year, month, n, wd):
    if n > 0:
        d = dt.date(year, month, 1)
        d += dt.timedelta(days=(wd - d.weekday()) % 7)
        return d + dt.timedelta(weeks=n - 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    d = nxt - dt.timedelta(days=1)
    return d - dt.timedelta(days=(d.weekday() - wd) % 7)


# ---------------------------------------------------------------------------------------------
# Writing


class Raw(str):
    """A value written into TOML as is (numbers formatted in advance)."""


def tval(v):
    if isinstance(v, Raw):
        return str(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list):
        return "[" + ", ".join(tval(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {tval(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


def toml(fields, tables=()):
    lines = [f"{k} = {tval(v)}" for k, v in fields.items()]
    for name, items in tables:
        for item in items:
            lines.append("")
            lines.append(f"[[{name}]]")
            lines.extend(f"{k} = {tval(v)}" for k, v in item.items())
    return "\n".join(lines) + "\n"


def page(fields, body, tables=()):
    return "+++\n" + toml(fields, tables) + "+++\n" + body


class Writer:
    def __init__(self, out):
        self.out = out
        self.files = 0

    def write(self, rel, text):
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        self.files += 1


def site_meta(m):
    scope = m.scope()
    return {
        "title": f"{scope.name}人大代表联络站",
        "base_url": f"https://rd.{scope.pinyin}.example.gov.cn",
        "description": f"{scope.name}各级人大代表联络站、代表之家和代表工作室的地址、接待日安排、进站代表名单及《联络动态》。（基准测试用的虚构数据）",
        "footer": {
            "organizer": f"{scope.name}人大常委会办公室（虚构）",
            "site_code": scope.code + "0000",
            "icp": "梦ICP备00000000号",
            "police": f"梦公网安备 {scope.code}02000000号",
            "contact": f"{scope.name}人大常委会代表工作委员会　电话：0{scope.area_code or '710'}-2000000",
        },
        "notice": "本站由基准测试程序生成，所有地名、人名、电话和内容均为虚构。",
    }


def free_pages(m):
    scope = m.scope()
    about = (
        f"本站集中公开{scope.name}各级人大代表联络站的地址、开放时间、接待日安排和进站代表名单，"
        f"以及{scope.name}人大常委会编印的《联络动态》。\n\n"
        f"全{scope.name[-1]}共有联络站 {len(m.stations)} 个，编组进站的各级人大代表 {len(m.reps)} 名。\n\n"
        "## 您可以在这里\n\n"
        "- 查找离您最近的[联络站](/stations/)和它的接待日；\n"
        "- 按[地区](/regions/)查看进站代表；\n"
        "- 阅读历期[《联络动态》](/bulletins/)。\n"
    )
    contact = (
        "群众可以通过以下方式联系人大代表：\n\n"
        "| 方式 | 说明 |\n| --- | --- |\n"
        "| 接待日当面反映 | 各联络站每月固定接待日，代表轮流值班 |\n"
        "| 电话预约 | 拨打联络站电话，约定时间与代表见面 |\n"
        "| 书面意见 | 投递到联络站意见箱，由联络员登记交办 |\n\n"
        "接待日安排见各[联络站](/stations/)页面，代表名单见[代表名录](/representatives/)。\n"
    )
    return [("about", "关于本站", f"{scope.name}人大代表联络站网站简介。", about),
            ("contact", "如何联系人大代表", "通过联络站、接待日和电话联系人大代表的方法。", contact)]


def holidays_toml(m):
    scope = m.scope()
    some = m.stations[len(m.stations) // 2]
    return (
        "# 本地闭站日（虚构）。国家法定节假日由 liaison 自动处理。\n\n"
        f"[[closed]]\ndate = 2025-01-14\nuntil = 2025-01-16\nname = \"{scope.name}人民代表大会会议\"\n"
        f"regions = [\"{scope.code}\"]\n\n"
        f"[[closed]]\ndate = 2024-08-05\nuntil = 2024-08-16\nname = \"接待室改造\"\nstations = [\"{some.slug}\"]\n"
    )


def write_liaison(m, w):
    meta = site_meta(m)
    f = meta["footer"]
    w.write("site.toml", (
        f'title = {tval(meta["title"])}\nbase_url = {tval(meta["base_url"])}\nlanguage = "zh-CN"\n'
        f'timezone = "Asia/Shanghai"\ntheme = "default"\ndescription = {tval(meta["description"])}\n\n'
        "[footer]\n" + "".join(f"{k} = {tval(v)}\n" for k, v in f.items()) +
        "\n[build]\nminify = true\nreception_days_ahead = 90\n\n"
        f'[extra]\nnotice = {tval(meta["notice"])}\n'))
    regions = ["# 虚构的行政区划；47 开头的代码不属于任何真实省份。\n"]
    for r in m.regions:
        regions.append(f"\n[[region]]\ncode = \"{r.code}\"\nname = \"{r.name}\"\n"
                       + (f"parent = \"{r.parent.code}\"\n" if r.parent else ""))
    w.write("content/regions.toml", "".join(regions))
    w.write("content/holidays.toml", holidays_toml(m))
    for st in m.stations:
        w.write(f"content/stations/{st.slug}.md", page(st.fields, st.body, [("reception", st.receptions)]))
    for rep in m.reps:
        w.write(f"content/representatives/{rep.slug}.md", page(rep.fields, rep.body))
    for year, n, f, body in m.bulletins:
        w.write(f"content/bulletins/{year}/{n}.md", page(f, body))
    for slug, title, desc, body in free_pages(m):
        w.write(f"content/pages/{slug}.md", page({"title": title, "description": desc}, body))


# Ledger rows: roughly the province's 150,000 activities and 70,000 suggestions a year, in
# proportion to the stations at the smaller scales.
LEDGER_YEAR = 2023
ACTIVITIES_PER_STATION = 11.4
SUGGESTIONS_PER_STATION = 5.3
LEDGER_TYPES = ["接待选民", "接待选民", "走访选民", "调研视察", "代表小组活动", "学习培训", "其他"]
LEDGER_STATUS = ["已办结", "已办结", "已办结", "已办结", "办理中", "已交办", "已受理"]
LEDGER_RATING = ["满意", "满意", "满意", "基本满意", "不满意", "", ""]
LEDGER_TOPICS = [
    ("道路交通", "村组道路破损，建议维修", "县交通运输局", "已列入养护计划并完成修补"),
    ("饮水安全", "集中供水点水压不足", "县水利局", "已更换加压设备"),
    ("教育", "校车线路未覆盖偏远村组", "县教育局", "已调整校车线路"),
    ("医疗", "村卫生室常用药品不足", "县卫生健康局", "已补充常用药品"),
    ("养老服务", "独居老人需要定期探访", "镇民政办", "已建立网格员探访制度"),
    ("环境卫生", "垃圾清运不及时", "县城市管理局", "已增加清运频次"),
    ("农业农村", "灌溉渠道淤塞影响春耕", "镇农业综合服务中心", "已组织清淤"),
    ("公共设施", "路灯损坏，夜间出行不便", "镇政府", "已维修更换路灯"),
]


def ledgers(m, w):
    """content/ledger/activities-<year>.csv and suggestions-<year>.csv, from a generator of
    their own (the site without ledgers stays byte for byte the same). References by slug."""
    rng = Rng(SEED * 7 + 3)
    current = {}
    for rep in m.reps:
        if "until" not in rep.fields:
            current.setdefault(rep.station.slug, []).append(rep.slug)
    stations = [st for st in m.stations if current.get(st.slug)]
    n_act = int(len(m.stations) * ACTIVITIES_PER_STATION)
    n_sug = int(len(m.stations) * SUGGESTIONS_PER_STATION)
    start = dt.date(LEDGER_YEAR, 1, 1)
    acts = ["日期,联络站,类型,代表,人数,内容\n"]
    for i in range(n_act):
        st = stations[rng.below(len(stations))]
        reps = current[st.slug]
        who = "、".join(rng.sample(reps, min(len(reps), rng.between(1, 3))))
        kind = rng.pick(LEDGER_TYPES)
        people = str(rng.between(3, 60)) if kind in ("接待选民", "走访选民") else ""
        day = start + dt.timedelta(days=rng.below(365))
        acts.append(f"{day},{st.slug},{kind},{who},{people},{kind}：{st.town.name}第{i % 97 + 1}次\n")
    sugs = ["编号,日期,联络站,代表,类别,内容,交办单位,状态,答复,满意度\n"]
    for i in range(n_sug):
        st = stations[rng.below(len(stations))]
        cat, text, handler, reply = rng.pick(LEDGER_TOPICS)
        status = rng.pick(LEDGER_STATUS)
        done = status == "已办结"
        rating = rng.pick(LEDGER_RATING) if done else ""
        day = start + dt.timedelta(days=rng.below(365))
        sugs.append(f"S{LEDGER_YEAR}-{i + 1:06d},{day},{st.slug},{rng.pick(current[st.slug])},{cat},"
                    f"{st.town.name}{text},{handler},{status},{reply if done else ''},{rating}\n")
    w.write(f"content/ledger/activities-{LEDGER_YEAR}.csv", "".join(acts))
    w.write(f"content/ledger/suggestions-{LEDGER_YEAR}.csv", "".join(sugs))
    return n_act, n_sug


NO_RENDER = '+++\n[_build]\nrender = "never"\nlist = "never"\n[cascade._build]\nrender = "never"\nlist = "never"\n+++\n'


def write_hugo(m, w):
    meta = site_meta(m)
    w.write("hugo.toml", (
        f'baseURL = {tval(meta["base_url"] + "/")}\nlanguageCode = "zh-CN"\ndefaultContentLanguage = "zh"\n'
        f'title = {tval(meta["title"])}\nhasCJKLanguage = true\nenableRobotsTXT = true\n'
        '\n[taxonomies]\n# relations between pages, looked up by key instead of scanning all pages\n'
        'station = "station"\nregion = "region"\nparent = "parent"\nlevel = "levels"\n'
        # HTML only; the bulletins section adds RSS in its own _index.md
        '\n[outputs]\nhome = ["HTML"]\nsection = ["HTML"]\npage = ["HTML"]\ntaxonomy = ["HTML"]\nterm = ["HTML"]\n'
        '\n[services.rss]\nlimit = 20\n'
        '\n[markup.tableOfContents]\nstartLevel = 2\nendLevel = 2\n'
        '\n[params]\n' + f'description = {tval(meta["description"])}\nnotice = {tval(meta["notice"])}\n'
        '\n[params.footer]\n' + "".join(f"{k} = {tval(v)}\n" for k, v in meta["footer"].items())))
    for taxonomy in ("station", "region", "parent", "levels"):
        w.write(f"content/{taxonomy}/_index.md", NO_RENDER)
    w.write("content/_index.md", page({"title": meta["title"]}, ""))
    w.write("content/stations/_index.md", page({"title": "联络站"}, ""))
    w.write("content/representatives/_index.md", page({"title": "人大代表"}, ""))
    w.write("content/regions/_index.md", page({"title": "行政区划"}, ""))
    w.write("content/bulletins/_index.md", page({"title": "《联络动态》", "outputs": ["HTML", "RSS"]}, ""))
    for r in m.regions:
        f = {"title": r.name, "code": r.code}
        if r.parent:
            f["parent"] = r.parent.code
        w.write(f"content/regions/{r.code}.md", page(f, ""))
    for st in m.stations:
        f = {"title": st.name}
        for k, v in st.fields.items():
            f["station_kind" if k == "kind" else k] = v
        w.write(f"content/stations/{st.slug}.md", page(f, st.body, [("reception", st.receptions)]))
    for rep in m.reps:
        w.write(f"content/representatives/{rep.slug}.md", page({"title": rep.name} | rep.fields, rep.body))
    years = []
    for year, n, f, body in m.bulletins:
        if year not in years:
            years.append(year)
            w.write(f"content/bulletins/{year}/_index.md", page({"title": f"{year}年", "year": year}, ""))
        title = f"《联络动态》{year}年第{n}期（总第{f['total']}期）"
        w.write(f"content/bulletins/{year}/{n}.md", page({"title": title} | f, body))
    for i, (slug, title, desc, body) in enumerate(free_pages(m)):
        w.write(f"content/{slug}.md", page({"title": title, "description": desc,
                                             "menu": {"main": {"weight": i + 1}}}, body))
    w.write("content/search.md", page({"title": "站内搜索", "layout": "search"}, ""))
    src = HERE / "hugo"
    for path in sorted(src.rglob("*")):
        if path.is_file():
            w.write(str(path.relative_to(src)), path.read_text("utf-8"))


def main():
    ap = argparse.ArgumentParser(description="Write a synthetic 人大代表联络站 site for the benchmark.")
    ap.add_argument("--scale", choices=sorted(SCALES), required=True)
    ap.add_argument("--format", choices=["liaison", "hugo"], required=True)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--force", action="store_true", help="delete OUT first if it is not empty")
    ap.add_argument("--ledgers", action="store_true",
                    help="also write a year of ledgers (liaison format only): about 11 activities and 5 suggestions per station")
    a = ap.parse_args()
    if a.out.exists() and any(a.out.iterdir()):
        if not a.force:
            sys.exit(f"gen.py: {a.out} is not empty (use --force to replace it)")
        shutil.rmtree(a.out)
    a.out.mkdir(parents=True, exist_ok=True)
    m = Model(a.scale)
    w = Writer(a.out)
    (write_liaison if a.format == "liaison" else write_hugo)(m, w)
    if a.ledgers and a.format == "liaison":
        n_act, n_sug = ledgers(m, w)
        print(f"{a.out}: ledgers of {LEDGER_YEAR}: {n_act} activities, {n_sug} suggestions")
    print(f"{a.out}: {a.scale} site for {a.format}: {len(m.regions)} regions, {len(m.stations)} stations, "
          f"{len(m.reps)} representatives, {len(m.bulletins)} bulletin issues ({w.files} files)")


if __name__ == "__main__":
    main()
