"""Kinds of figures from the words around them, by stems, lemmas and the parse, in sentences written in several
registers: wire copy, state media, activists' reports, damaged punctuation and title case."""
import pytest

from claimarchive.enrich.figures import find_quantities
from claimarchive.model import Segment
from claimarchive.nlp import parse


def kinds(nlp, text):
    found = find_quantities(parse(text, [Segment("paragraph", 0, len(text))], nlp), text)
    return [(q.value, q.kind) for q in found]


@pytest.mark.parametrize("text, expected", [
    # wire copy
    ("BEIRUT (Reuters) - Air strikes killed at least 27 civilians in Idlib province on Tuesday, rescuers said.",
     [(27, "civilians_killed")]),
    ("The death toll from Tuesday's attack on the market has risen to 61, including 19 children, the health "
     "ministry said.", [(61, "killed"), (19, "killed")]),
    ("Up to 3,000 people have died in the fighting, the UN said.", [(3000, "killed")]),
    ("The attack left 22 people dead and 40 wounded.", [(22, "killed"), (40, "injured")]),
    ("Rescuers recovered 16 bodies from the rubble of the building.", [(16, "killed")]),
    # state media
    ("A military source told SANA that terrorists fired rocket shells on residential neighborhoods, claiming the "
     "lives of 4 citizens and injuring 11 others.", [(4, "killed"), (11, "injured")]),
    ("SANA: 3 martyrs and 8 injured in terrorist shelling on Jaramana.", [(3, "killed"), (8, "injured")]),
    ("The shelling left 14 fallen victims among the residents, state media said.", [(14, "killed")]),
    ("The number of martyrs rose to 23 after rescuers pulled more bodies from the rubble.", [(23, "killed")]),
    # activists' reports
    ("SOHR documented the martyrdom of 12 civilians in regime shelling on the town.", [(12, "civilians_killed")]),
    ("The number of civilians killed by regime forces since the start of the month has risen to 212, SOHR said.",
     [(212, "civilians_killed")]),
    ("Syrian Observatory monitored the execution of 7 men by ISIS in the desert.", [(7, "killed")]),
    ("ISIS militants beheaded 4 soldiers near the town, the group's media arm said.", [(4, "killed")]),
    ("The gassing of 1,400 people in Ghouta shocked the world.", [(1400, "killed")]),
    ("The murder of 3 journalists was condemned by the union.", [(3, "killed")]),
    ("The bombardment killed 100 people, including 58 civilians, the monitor said.",
     [(100, "killed"), (58, "civilians_killed")]),
    # damaged punctuation and title case
    ("killed 30 people injured 90 in the shelling on the town,activists said.", [(30, "killed"), (90, "injured")]),
    ("SOHR documented the death of 5 members of one family,including 3 children,in the bombardment.",
     [(5, "killed"), (3, "killed")]),
    ("Regime Shelling Kills 12 In Daraa Countryside", [(12, "killed")]),
    ("Airstrikes Kill 30 Civilians In Idlib Countryside", [(30, "civilians_killed")]),
    # what happened to people said by a verb, an adjective or a phrase, whatever the counted noun
    ("Another 9 people succumbed to their wounds overnight, the hospital said.", [(9, "killed")]),
    ("Gunmen slew 12 farmers in the village.", [(12, "killed")]),
    ("Gunmen killed 7 shepherds and 3 fishermen near the border.", [(7, "killed"), (3, "killed")]),
    ("The civilian death toll has climbed to 1,200 since March.", [(1200, "civilians_killed")]),
    ("Activists documented 5 civilian deaths in Daraa.", [(5, "civilians_killed")]),
    ("The attack wounded 12 and killed 3.", [(12, "injured"), (3, "killed")]),
    ("The factory employs 300 workers.", [(300, "other")]),
    ("Death Toll Rises To 40 In Idlib", [(40, "killed")]),  # title case: "To 40" is no name like "Route 66"
    ("The toll of civilians killed rose to 87, SOHR said.", [(87, "civilians_killed")]),
    ("Regime forces executed 9 detainees in the prison.", [(9, "killed")]),  # what happened to them, not what
    ("3 refugees were wounded by shelling on the camp.", [(3, "injured")]),  # they were
    ("Authorities released 200 prisoners on Monday.", [(200, "detained")]),
    ("Troops killed 4 and arrested 12 detainees.", [(4, "killed"), (12, "detained")]),
    ("The company shipped 40 containers and 12 tankers.", [(40, "other"), (12, "other")]),
    # words that only look like death words
    ("The executive board hired 12 executives this year.", [(12, "other")]),
    ("Prices fell 30 percent in March.", [(30, "percent")]),
])
def test_kinds_in_registers(pipeline, text, expected):
    assert kinds(pipeline, text) == expected
