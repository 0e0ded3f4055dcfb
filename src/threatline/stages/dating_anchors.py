"""Real dates of widely reported events, to fix the year of a date an article prints without one.

A journalist writes "the January 3 drone strike that killed Soleimani" and leaves the year out;
a reader knows it. When a yearless date (or month) shares its sentence with the words of one of
these events and falls on its day (or in its month), the year is the event's. Each entry is a
fact: the day, a label, and groups of words that must all appear in the sentence (any word of a
group; words match at a word start, ignoring case, so "Soleimani" also matches "Soleimani's").
``slack`` allows for events that straddle midnight across time zones.

Nothing here is about a particular article; entries are major conflict, security and political
events that news keeps referring to by day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

__all__ = ["ANCHOR_EVENTS", "AnchorEvent", "match_anchor"]


@dataclass(frozen=True, slots=True)
class AnchorEvent:
    day: dt.date
    label: str
    groups: tuple[re.Pattern[str], ...]
    slack: int = 0

    def matches(self, sentence: str) -> bool:
        return all(g.search(sentence) for g in self.groups)


def _e(day: str, label: str, *groups: str, slack: int = 0) -> AnchorEvent:
    patterns = tuple(
        re.compile(r"(?i)\b(?:" + "|".join(re.escape(w) for w in g.split("|")) + ")")
        for g in groups
    )
    return AnchorEvent(dt.date.fromisoformat(day), label, patterns, slack)


_IRAN = "Iran|Tehran"
_ISRAEL = "Israel"
_STRIKE = "strike|attack|missile|drone|rocket|bomb|raid|fired|launched"

ANCHOR_EVENTS: Final[tuple[AnchorEvent, ...]] = (
    _e("2001-09-11", "September 11 attacks", "World Trade Center|Twin Towers|hijack|al-Qaeda|al Qaeda|Pentagon|terror"),  # noqa: E501
    _e("2003-03-20", "invasion of Iraq begins", "Iraq", "invasion|invade|war", slack=1),
    _e("2006-07-12", "Hezbollah cross-border raid starts the Lebanon war", "Hezbollah|Lebanon", "war|raid|soldiers"),  # noqa: E501
    _e("2006-10-09", "first North Korean nuclear test", "North Korea|Pyongyang", "nuclear"),
    _e("2008-11-26", "Mumbai attacks begin", "Mumbai", "attack|gunmen|terror|siege"),
    _e("2008-12-27", "Operation Cast Lead begins", "Gaza|Cast Lead", "Israel|offensive|war"),
    _e("2011-02-11", "Mubarak resigns", "Mubarak", "resign|step|ousted|fall|toppled"),
    _e("2011-05-02", "Osama bin Laden killed", "bin Laden|Abbottabad", slack=1),
    _e("2011-10-20", "Muammar Gaddafi killed", "Gaddafi|Qaddafi|Kadhafi", "kill|death|captured"),
    _e("2011-12-18", "last US troops leave Iraq", "Iraq", "withdraw|troops|left|leave"),
    _e("2012-09-11", "attack on the US mission in Benghazi", "Benghazi"),
    _e("2013-04-15", "Boston Marathon bombing", "Boston", "bomb|marathon|attack"),
    _e("2013-08-21", "Ghouta chemical attack", "Ghouta|chemical|sarin"),
    _e("2013-09-21", "Westgate mall attack", "Westgate|Nairobi", "attack|siege|mall"),
    _e("2014-03-18", "Russia annexes Crimea", "Crimea", "annex|Russia"),
    _e("2014-06-10", "Islamic State takes Mosul", "Mosul", "fell|fall|captur|seiz|took|overran"),
    _e("2014-07-08", "Operation Protective Edge begins", "Gaza|Protective Edge", "Israel|war|offensive"),  # noqa: E501
    _e("2014-07-17", "MH17 shot down over Ukraine", "MH17|Malaysia Airlines"),
    _e("2014-09-21", "Houthis take Sanaa", "Houthi|Ansar Allah", "Sanaa|capital"),
    _e("2015-01-07", "Charlie Hebdo attack", "Charlie Hebdo"),
    _e("2015-03-26", "Saudi-led intervention in Yemen begins", "Yemen|Houthi", "Saudi|coalition|Decisive Storm"),  # noqa: E501
    _e("2015-07-14", "nuclear deal with Iran agreed in Vienna", "nuclear deal|JCPOA|Joint Comprehensive|Vienna|nuclear agreement"),  # noqa: E501
    _e("2015-09-30", "Russian air campaign in Syria begins", "Russia", "Syria"),
    _e("2015-11-13", "Paris attacks", "Paris|Bataclan", "attack|terror|gunmen|bomb"),
    _e("2016-03-22", "Brussels bombings", "Brussels|Zaventem|Maelbeek", "attack|bomb|terror"),
    _e("2016-07-15", "failed coup in Turkey", "coup", "Turkey|Turkish|Erdogan|Erdoğan"),
    _e("2017-04-04", "Khan Shaykhun chemical attack", "Khan Sheikhoun|Khan Shaykhun|chemical|sarin"),  # noqa: E501
    _e("2017-04-07", "US strike on Shayrat air base", "Shayrat|Tomahawk|cruise missile", slack=1),
    _e("2017-05-22", "Manchester Arena bombing", "Manchester", "bomb|attack|Arena"),
    _e("2017-09-03", "sixth North Korean nuclear test", "North Korea|Pyongyang", "nuclear|test|bomb"),  # noqa: E501
    _e("2017-12-04", "Ali Abdullah Saleh killed", "Saleh", "kill|death|slain"),
    _e("2018-04-07", "Douma chemical attack", "Douma", "chemical|gas|attack"),
    _e("2018-04-14", "US, British and French strikes on Syria", "Syria", "strike|missile|chemical", slack=1),  # noqa: E501
    _e("2018-05-08", "US withdraws from the Iran nuclear deal", "nuclear deal|JCPOA|nuclear agreement|Iran deal", "withdr|quit|pull|exit|abandon|left"),  # noqa: E501
    _e("2018-10-02", "Jamal Khashoggi killed", "Khashoggi"),
    _e("2019-02-14", "Pulwama attack", "Pulwama"),
    _e("2019-02-26", "Balakot air strike", "Balakot"),
    _e("2019-03-15", "Christchurch mosque shootings", "Christchurch", "mosque|shoot|attack"),
    _e("2019-04-21", "Easter bombings in Sri Lanka", "Sri Lanka|Colombo", "bomb|attack|Easter"),
    _e("2019-05-12", "tankers sabotaged off Fujairah", "Fujairah|tanker", "sabotage|attack|damage"),
    _e("2019-06-13", "tankers attacked in the Gulf of Oman", "tanker", "Gulf of Oman|attack|mine"),
    _e("2019-06-20", "Iran shoots down a US surveillance drone", _IRAN, "drone|Global Hawk", "shot|shoot|down"),  # noqa: E501
    _e("2019-07-19", "Iran seizes the Stena Impero", "Stena Impero|British-flagged|tanker", _IRAN),
    _e("2019-09-14", "attack on Saudi oil plants at Abqaiq and Khurais", "Abqaiq|Khurais|Aramco"),
    _e("2019-10-26", "Abu Bakr al-Baghdadi killed", "Baghdadi", slack=1),
    _e("2019-12-27", "rocket attack on the K1 base near Kirkuk", "K1|Kirkuk|contractor", "rocket|attack"),  # noqa: E501
    _e("2019-12-29", "US strikes on Kata'ib Hezbollah", "Kata'ib|Kataib|Kata’ib", "strike|air"),
    _e("2019-12-31", "US embassy in Baghdad stormed", "embassy", "Baghdad", "storm|protest|attack|siege"),  # noqa: E501
    _e("2020-01-03", "US drone strike kills Qasem Soleimani", "Soleimani|Suleimani|Muhandis"),
    _e("2020-01-08", "Iranian missile strikes on Ain al-Asad and Erbil", "Asad|Assad air|Erbil|Irbil|ballistic", _STRIKE),  # noqa: E501
    _e("2020-01-08", "Ukrainian airliner PS752 shot down near Tehran", "PS752|Ukrainian|airliner|Ukraine International"),  # noqa: E501
    _e("2020-05-25", "George Floyd killed in Minneapolis", "George Floyd"),
    _e("2020-08-04", "Beirut port explosion", "Beirut", "port|blast|explosion|ammonium"),
    _e("2020-09-15", "Abraham Accords signed", "Abraham Accords|normali"),
    _e("2020-11-27", "Mohsen Fakhrizadeh killed", "Fakhrizadeh"),
    _e("2021-01-06", "storming of the US Capitol", "Capitol", "riot|storm|attack|mob|insurrection"),
    _e("2021-02-01", "military coup in Myanmar", "Myanmar|Burma", "coup|military|junta"),
    _e("2021-04-11", "sabotage at Natanz", "Natanz"),
    _e("2021-05-10", "Gaza war of May 2021 begins", "Gaza|Guardian of the Walls", "rocket|war|strike"),  # noqa: E501
    _e("2021-08-15", "Taliban take Kabul", "Kabul|Taliban", "fell|fall|took|seiz|enter|captur"),
    _e("2021-08-26", "Kabul airport bombing", "Kabul|Abbey Gate", "airport|bomb|suicide"),
    _e("2022-02-24", "Russia invades Ukraine", "Russia|Moscow|Putin", "Ukrain", "invad|invasion|war|attack"),  # noqa: E501
    _e("2022-07-31", "Ayman al-Zawahiri killed", "Zawahiri", slack=1),
    _e("2022-08-02", "Nancy Pelosi visits Taiwan", "Pelosi", "Taiwan|Taipei"),
    _e("2022-09-16", "death of Mahsa Amini", "Amini"),
    _e("2022-09-26", "Nord Stream pipelines blown up", "Nord Stream"),
    _e("2022-10-08", "Crimean bridge explosion", "Crimea|Kerch", "bridge"),
    _e("2023-02-06", "earthquake in Turkey and Syria", "earthquake|quake"),
    _e("2023-04-15", "war in Sudan begins", "Sudan|RSF|Rapid Support"),
    _e("2023-06-24", "Wagner mutiny", "Wagner|Prigozhin", "mutiny|rebellion|march|revolt", slack=1),
    _e("2023-07-26", "military coup in Niger", "Niger|Bazoum", "coup|junta|military|ousted"),
    _e("2023-08-23", "Yevgeny Prigozhin killed in a plane crash", "Prigozhin|Wagner", "crash|plane|jet|death|killed"),  # noqa: E501
    _e("2023-10-07", "Hamas attack on Israel", "Hamas|Gaza", _ISRAEL),
    _e("2023-10-17", "al-Ahli hospital blast in Gaza", "Ahli|hospital", "Gaza"),
    _e("2023-11-19", "Houthis seize the Galaxy Leader", "Galaxy Leader"),
    _e("2024-01-03", "bombings at the Kerman memorial", "Kerman"),
    _e("2024-01-12", "US and British strikes on the Houthis begin", "Houthi|Yemen", "strike|air", slack=1),  # noqa: E501
    _e("2024-01-28", "drone attack on Tower 22 in Jordan", "Tower 22"),
    _e("2024-04-01", "Israeli strike on the Iranian consulate in Damascus", "consul|embassy", "Damascus"),  # noqa: E501
    _e("2024-04-14", "first direct Iranian attack on Israel", _IRAN, _ISRAEL, _STRIKE, slack=1),
    _e("2024-04-19", "Israeli strike near Isfahan", "Isfahan|Esfahan"),
    _e("2024-05-19", "helicopter crash kills Ebrahim Raisi", "Raisi", "crash|helicopter|death|killed|died"),  # noqa: E501
    _e("2024-07-13", "attempt on Donald Trump's life at Butler", "Butler|assassination attempt"),
    _e("2024-07-30", "Fuad Shukr killed in Beirut", "Shukr"),
    _e("2024-07-31", "Ismail Haniyeh killed in Tehran", "Haniyeh"),
    _e("2024-09-17", "pager explosions in Lebanon", "pager|walkie"),
    _e("2024-09-27", "Hassan Nasrallah killed", "Nasrallah", "kill|death|assassinat|strike|slain"),
    _e("2024-10-01", "second direct Iranian missile attack on Israel", _IRAN, _ISRAEL, "missile|attack|True Promise"),  # noqa: E501
    _e("2024-10-16", "Yahya Sinwar killed", "Sinwar"),
    _e("2024-10-26", "Israeli strikes on Iran", _ISRAEL, _IRAN, "strike|attack|retaliat"),
    _e("2024-12-08", "fall of Bashar al-Assad", "Assad", "fall|fell|flee|fled|ousted|toppled|collapse"),  # noqa: E501
    _e("2025-01-19", "Gaza ceasefire takes effect", "Gaza", "ceasefire|truce"),
)  # fmt: skip


def _by_month() -> MappingProxyType[int, tuple[AnchorEvent, ...]]:
    table: defaultdict[int, list[AnchorEvent]] = defaultdict(list)
    for event in ANCHOR_EVENTS:
        table[event.day.month].append(event)
    return MappingProxyType({month: tuple(events) for month, events in table.items()})


_BY_MONTH: Final = _by_month()


def match_anchor(
    sentence: str, month: int, day: int | None, events: tuple[AnchorEvent, ...] | None = None
) -> AnchorEvent | None:
    """The one event whose words are all in ``sentence`` and whose date falls on ``month`` and
    ``day`` (any day of the month when ``day`` is None); None when none or several years fit."""
    pool = _BY_MONTH.get(month, ()) if events is None else events
    found: list[AnchorEvent] = []
    for event in pool:
        if event.day.month != month:
            continue
        if day is not None and abs(event.day.day - day) > event.slack:
            continue
        if event.matches(sentence):
            found.append(event)
    if len({e.day.year for e in found}) != 1:
        return None
    return found[0]
