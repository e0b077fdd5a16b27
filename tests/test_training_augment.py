"""Mention replacement in training/train_ner.py: what the NER recipe's augmented sentences look like."""
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))

from train_ner import augment_mentions, augment_org, swap_negatives  # noqa: E402

HINDI = [
    (["मेटा", "के", "प्रवक्ता", "एंडी", "स्टोन", "ने", "बयान", "जारी", "किया"],
     ["B-ORG", "O", "O", "B-PER", "I-PER", "O", "O", "O", "O"]),
    (["दिल्ली", "में", "बारिश", "हुई"], ["B-LOC", "O", "O", "O"]),
]
ORG_POOLS = [(1.0, [["Down", "Detector"], ["डाउनडिटेक्टर"]])]


def spans(labels):
    return [(i, l[2:]) for i, l in enumerate(labels) if l.startswith("B-")]


def test_org_replacement_swaps_only_organisations_and_keeps_bio_tags_valid():
    out = augment_org(HINDI, ORG_POOLS, 20, random.Random(0))
    assert len(out) == 20
    for words, labels in out:
        assert len(words) == len(labels)
        assert words[-3:] == ["बयान", "जारी", "किया"]  # only sentences with an ORG are used
        assert words[words.index("प्रवक्ता") + 1:][:2] == ["एंडी", "स्टोन"]  # people are kept
        start = labels.index("B-ORG")
        end = start + 1
        while end < len(labels) and labels[end] == "I-ORG":
            end += 1
        assert words[start:end] in ORG_POOLS[0][1]


def test_mention_replacement_keeps_each_type_in_place():
    pools = {"ORG": [(1.0, [["X"]])], "PER": [(1.0, [["Elon", "Musk"]])], "LOC": [(1.0, [["लंदन"]])]}
    for words, labels in augment_mentions(HINDI, pools, 30, random.Random(1)):
        assert len(words) == len(labels)
        for i, typ in spans(labels):
            assert words[i] in {"ORG": {"X", "मेटा"}, "PER": {"Elon", "एंडी"}, "LOC": {"लंदन", "दिल्ली"}}[typ]


def test_negatives_replace_only_long_o_words_outside_the_kept_list():
    words = ["मेटा", "ने", "हुई", "बयान", "किया", "प्लेटफॉर्म"]
    labels = ["B-ORG", "O", "O", "O", "O", "O"]
    swap_negatives(words, labels, ["parent"], 1.0, frozenset({"किया"}), random.Random(0))
    # the name, words under four characters and the kept word stay
    assert words == ["मेटा", "ने", "हुई", "parent", "किया", "parent"]


@pytest.mark.parametrize("negatives", [None, []])
def test_no_negatives_changes_nothing(negatives):
    words, labels = ["मेटा", "प्लेटफॉर्म"], ["B-ORG", "O"]
    swap_negatives(words, labels, negatives, 1.0, frozenset(), random.Random(0))
    assert words == ["मेटा", "प्लेटफॉर्म"]
