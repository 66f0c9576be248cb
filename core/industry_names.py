"""Industry names as comparable parts: clean-up, generic words, character grams.

Used by the taxonomy (to look names up in its vocabulary) and by the name rule (to compare
names). ``装备`` reads as ``设备``; traditional characters are simplified (:mod:`.hanzi`);
names are split into parts at separators (``/ 、 , ; 和 与 及`` ...); generic words that rank
or label an industry rather than name it (先进, 新型, 产业, 集群 ...) are removed.

The similarity of two names is the mean of the Dice coefficients of their character sets and
of their character-bigram sets, computed on :func:`match_parts`.
"""
import re
from functools import lru_cache

import pandas as pd

from .cities import BUNDLED_COUNTY_GAZETTEER_PATH, BUNDLED_GAZETTEER_PATH, short_name
from .hanzi import regional_terms
from .industry import industry_key

#: Words read as the same word before comparing (equipment: 装备 = 设备).
SYNONYMS = (("装备", "设备"),)

#: Modifiers that rank or label an industry rather than name it. Removed from the start of a
#: name part, repeatedly (新一代信息通信 -> 信息通信, 先进电池材料 -> 电池材料).
GENERIC_PREFIXES = (
    "战略性新兴", "战略性", "国家级", "国家", "省级", "市级", "创新型", "中高端", "高端", "先进", "新型", "新兴",
    "新一代", "下一代", "现代", "特色", "优势", "传统", "高新技术", "高技术", "重点", "绿色",
)
#: Words that say "industry", "cluster" or "place" rather than which industry. Removed from the
#: end of a name part, repeatedly (生物医药创新型产业集群 -> 生物医药).
GENERIC_SUFFIXES = (
    "创新型产业集群", "产业集群", "产业基地", "产业园区", "产业园", "产业带", "产业链", "产业群",
    "示范基地", "示范区", "先导区", "试点", "集群", "产业", "行业", "基地", "园区", "领域", "相关", "创新型",
)
#: Generic words, for documentation and tests.
GENERIC_WORDS = tuple(dict.fromkeys(GENERIC_PREFIXES + GENERIC_SUFFIXES))
#: What may not be left alone after removing generic words: too little to name an industry
#: (高端装备 stays 高端设备, not 设备; 新材料 is not a prefix 新 anyway).
HEAD_WORDS = frozenset(
    {"设备", "材料", "制造", "制造业", "设备制造", "产品", "服务", "服务业", "技术", "工业", "经济", "科技",
     "信息", "器件", "元件", "系统", "工程", "能源", "产业", "集群", "应用", "智能"}
)

_GENERIC_ORDERED = sorted(
    [(word, True) for word in GENERIC_PREFIXES] + [(word, False) for word in GENERIC_SUFFIXES],
    key=lambda item: -len(item[0]),
)
_ANY_GENERIC_PREFIX = re.compile("|".join(map(re.escape, GENERIC_PREFIXES)))
_ANY_GENERIC_SUFFIX = re.compile("(?:" + "|".join(map(re.escape, GENERIC_SUFFIXES)) + ")$")
#: Separators between the parts of a name (超高清视频和智能家电, 酶/酵素制剂, LED原料与辅料).
_SEPARATORS = re.compile(r"以及|[/／\\、,，;；|&＋+和与及暨]")
NOT_WORD = re.compile(r"[\W_]+")

#: Parks and development zones written before the industry (武汉东湖高新区..., 无锡高新区...): a
#: zone word, with up to four characters of its own name before it, at the start of a name.
#: Named national innovation zones whose name is no administrative unit of the gazetteers
#: (中关村 in 北京, 张江 in 上海, 东湖 in 武汉: national independent innovation demonstration zones)
#: count as parks too.
NAMED_ZONES = ("中关村", "张江", "东湖")
_PARK_PREFIX = re.compile(
    "^(?:" + "|".join(NAMED_ZONES) + ")|"
    r"^[\u4e00-\u9fff]{0,4}?(?:国家级)?(?:高新技术产业开发区|高新技术开发区|高新区|经济技术开发区|经济开发区|经开区|"
    r"开发区|自贸区|自由贸易试验区|保税区|工业园区|科技园区|科技园|科学城|新区)"
)
#: Words that start with a place name but are not places (大理石 marble, 新兴 emerging, 石棉
#: asbestos, 资源 resources, 港口 ports): a name starting so keeps its start.
PLACE_LIKE_WORDS = ("大理石", "新兴", "港口", "石棉", "资源")
_PLACE_JOINERS = "、，,和与及 "


@lru_cache(maxsize=1)
def _place_names():
    """(names, lengths longest first): the bundled gazetteers' provinces, cities, counties and districts, full and
    short."""
    prefectures = pd.read_csv(BUNDLED_GAZETTEER_PATH, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    counties = pd.read_csv(BUNDLED_COUNTY_GAZETTEER_PATH, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    names = set(prefectures["city_name"]) | set(prefectures["province"]) | set(counties["place_name"])
    names |= {short_name(name) for name in list(names)}
    names = frozenset(n for n in names if len(n) >= 2)
    return names, sorted({len(n) for n in names}, reverse=True)


def _leading_place_end(text):
    """Where the longest gazetteer name at the start of ``text`` ends, or 0 (a set lookup per length)."""
    names, lengths = _place_names()
    for length in lengths:
        if length < len(text) and text[:length] in names:
            return length
    return 0


def strip_places(text):
    """``text`` without the places, parks and zones written before the industry.

    Removed from the start, repeatedly: names of the bundled gazetteers (广东省, 深圳市, 深圳,
    浦东新区, 乐清; provinces, prefecture-level units, counties and districts, full or short),
    the joiners between several of them (广州市、佛山市、惠州市), and a park or zone
    (东湖高新区, 经济技术开发区). A name is never emptied (at least 2 characters stay), and
    :data:`PLACE_LIKE_WORDS` are not places. ``烟台橡塑`` -> ``橡塑``;
    ``广东省广州市、佛山市、惠州市超高清视频和智能家电集群`` -> ``超高清视频和智能家电集群``.
    """
    while True:
        if text.startswith(PLACE_LIKE_WORDS):
            return text
        end = _leading_place_end(text)
        if not end:
            park = _PARK_PREFIX.match(text)
            end = park.end() if park else 0
        if not end:
            return text
        rest = text[end:].lstrip(_PLACE_JOINERS)
        if len(rest) < 2:
            return text
        text = rest


#: A name longer than this is cut to its first MAX_NAME_CHARS characters before it is split,
#: looked up or compared: an industry name is a few words, and a pasted paragraph must not make
#: one text cost minutes (issue 11). Cut names are counted by :func:`cut_long_name`'s callers.
MAX_NAME_CHARS = 200


def cut_long_name(text):
    """``(text, cut)``: the first :data:`MAX_NAME_CHARS` characters of ``text``, and whether it was longer."""
    if len(text) > MAX_NAME_CHARS:
        return text[:MAX_NAME_CHARS], True
    return text, False


def normalised_text(key):
    """``key`` with regional terms and traditional characters simplified and synonyms read alike."""
    text = regional_terms(key)
    for word, same in SYNONYMS:
        text = text.replace(word, same)
    return text


def clean_parts(key):
    """The parts of an industry key, before generic words are removed.

    ``key`` is an :func:`.industry.industry_key` (or any text: it is keyed first). Steps:
    Taiwan/Hong Kong terms and traditional characters to mainland simplified
    (:func:`.hanzi.regional_terms`), :data:`SYNONYMS`, places and parks before the industry
    removed (:func:`strip_places`), split at separators (``/ 、 , ; | & +``
    and the words 和, 与, 及, 以及, 暨), other punctuation and symbols dropped (``·``, quotes,
    full stops). Returns a tuple of non-empty parts.
    """
    text = strip_places(normalised_text(cut_long_name(industry_key(key))[0]))
    parts = (NOT_WORD.sub("", part) for part in _SEPARATORS.split(text))
    return tuple(part for part in parts if part)


def split_name(text):
    """The parts of a text split at the separators of :func:`clean_parts`, punctuation dropped (no other clean-up)."""
    parts = (NOT_WORD.sub("", part) for part in _SEPARATORS.split(text))
    return tuple(part for part in parts if part)


def _meaningful(text):
    return len(text) >= 2 and text not in HEAD_WORDS


def strip_generic(part):
    """``part`` without its generic prefixes and suffixes (see :data:`GENERIC_PREFIXES`).

    A word is removed only if what is left still names something (at least 2 characters and
    not one of :data:`HEAD_WORDS`), so ``先进制造`` and ``高端设备`` stay as they are.
    """
    if not (_ANY_GENERIC_PREFIX.match(part) or _ANY_GENERIC_SUFFIX.search(part)):
        return part
    current = part
    while True:
        for word, is_prefix in _GENERIC_ORDERED:
            if is_prefix and current.startswith(word):
                candidate = current[len(word):]
            elif not is_prefix and current.endswith(word) and len(current) > len(word):
                candidate = current[: -len(word)]
            else:
                continue
            if _meaningful(candidate):
                current = candidate
                break
        else:
            return current


def match_parts(key):
    """The parts of a name as the rules compare them: :func:`clean_parts`, generic words removed.

    ``生物医药（浦东新区）`` -> ``("生物医药",)``; ``超高清视频和智能家电集群`` ->
    ``("超高清视频", "智能家电")``; ``高端裝備`` -> ``("高端设备",)``.
    """
    return tuple(dict.fromkeys(strip_generic(part) for part in clean_parts(key)))


def gram_sets(parts):
    """(characters, bigrams within parts) of a name's parts, as sets."""
    characters = set()
    bigrams = set()
    for part in parts:
        characters.update(part)
        bigrams.update(part[i:i + 2] for i in range(len(part) - 1))
    return characters, bigrams


def dice(a, b):
    """Dice coefficient of two sets (0 when both are empty)."""
    return 2.0 * len(a & b) / (len(a) + len(b)) if (a or b) else 0.0


def similarity_of_grams(grams_a, grams_b):
    """Mean of the character and bigram Dice coefficients of two :func:`gram_sets` results."""
    chars_a, bigrams_a = grams_a
    chars_b, bigrams_b = grams_b
    character_dice = dice(chars_a, chars_b)
    # A one-character name has no bigram: its characters stand in for them.
    bigram_dice = dice(bigrams_a, bigrams_b) if bigrams_a and bigrams_b else character_dice
    return 0.5 * (character_dice + bigram_dice)


def name_similarity(name_a, name_b):
    """Similarity of two industry names in [0, 1] (see the module docstring); 0 if one is empty."""
    parts_a, parts_b = match_parts(name_a), match_parts(name_b)
    if not parts_a or not parts_b:
        return 0.0
    return similarity_of_grams(gram_sets(parts_a), gram_sets(parts_b))

