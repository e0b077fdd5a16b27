"""Translation plumbing on tiny random checkpoints of each architecture (outputs are noise).

Every model here is built in a session fixture, saved with save_pretrained and loaded through
`Translator(folder)`, the path a downloaded checkpoint takes. Where a test needs to know what
the model "said", the generate step is replaced by a fake.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import tiny_seq2seq
from newsdigest.errors import InputError, ModelNotFoundError

torch = pytest.importorskip("torch")
torch.set_num_threads(1)

HI_SENTENCES = [line for line in tiny_seq2seq.HINDI.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def marian_dir(tmp_path_factory):
    return tiny_seq2seq.build_marian(tmp_path_factory.mktemp("marian"))


@pytest.fixture(scope="session")
def marian(marian_dir):
    from newsdigest.translate import Translator

    return Translator(marian_dir, max_new_tokens=6, batch_size=8)


@pytest.fixture(scope="session")
def checkpoints(tmp_path_factory, marian_dir):
    root = tmp_path_factory.mktemp("seq2seq")
    return {"marian": marian_dir,
            "m2m100": tiny_seq2seq.build_m2m100(root / "m2m100"),
            "nllb": tiny_seq2seq.build_nllb(root / "nllb"),
            "mbart50": tiny_seq2seq.build_mbart50(root / "mbart50")}


def echo(calls=None, transform=lambda t: f"<{t}>"):
    """A fake generate step: records each model input and returns transform(input)."""
    def fake(texts, src, tgt, max_new_tokens):
        if calls is not None:
            calls.extend(texts)
        return [(transform(t), False) for t in texts]
    return fake


def article(n_sentences: int = 60) -> tuple[str, list[str]]:
    """n sentences in paragraphs of 5, separated by blank lines, with a one-line heading first."""
    sentences = [HI_SENTENCES[i % len(HI_SENTENCES)].replace("।", f" {i + 1}।") for i in range(n_sentences)]
    paragraphs = [" ".join(sentences[i:i + 5]) for i in range(0, n_sentences, 5)]
    return "\n\n".join(paragraphs) + "\n", sentences


def test_public_api_is_small_and_listed():
    import newsdigest.translate as t

    assert t.__all__ == ["Translator", "Translation", "Segment", "translate_summary", "SCHEMA_VERSION"]
    assert all(hasattr(t, name) for name in t.__all__)


def test_importing_translate_and_cli_does_not_import_torch():
    code = ("import sys, newsdigest.translate, newsdigest.translate.cli, newsdigest.translate.registry;"
            "print('torch' in sys.modules, 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.parametrize("arch, scheme, codes", [
    ("marian", "fixed", {}),
    ("m2m100", "lang_code_to_id", {"hi": "hi", "en": "en"}),
    ("nllb", "special_tokens", {"hi": "hin_Deva", "en": "eng_Latn"}),
    ("mbart50", "lang_code_to_id", {"hi": "hi_IN", "en": "en_XX"}),
])
def test_each_architecture_loads_from_its_folder_and_translates(checkpoints, arch, scheme, codes):
    from newsdigest.translate import Translator

    tr = Translator(checkpoints[arch], max_new_tokens=5)
    info = tr.info()
    assert info["language_scheme"] == scheme and info["language_codes"] == codes
    assert info["max_source_tokens"] == 64
    text = "सरकार ने नई योजना की घोषणा की है। पुलिस ने मामले की जांच शुरू कर दी है।"
    result = tr.translate(text, tgt="en")
    assert [s.src for s in result.segments] == HI_SENTENCES[0:1] + [HI_SENTENCES[3]]
    assert all(text[s.start:s.end] == s.src for s in result.segments)
    assert result.src_lang == "hi" and result.tgt_lang == "en"
    if arch != "marian":  # one model, both directions
        back = tr.translate("The court adjourned the hearing. Schools will reopen.", tgt="hi")
        assert back.src_lang == "en" and len(back.segments) == 2


def test_forced_language_token_is_not_left_in_the_output(checkpoints):
    from newsdigest.translate import Translator

    result = Translator(checkpoints["m2m100"], max_new_tokens=5).translate("कंपनी के शेयर गिर गए।", tgt="en")
    assert "__en__" not in result.text


def test_one_pair_marian_refuses_the_other_direction(marian):
    with pytest.raises(InputError, match="translates hi to en only"):
        marian.translate("The weather is clear.", tgt="hi")


def test_every_sentence_is_translated_exactly_once_in_order(marian, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(marian, "_generate", echo(calls))
    text, sentences = article(12)
    result = marian.translate(text, src="hi", tgt="en")
    assert sorted(calls) == sorted(sentences)
    assert [s.src for s in result.segments] == sentences
    assert [s.tgt for s in result.segments] == [f"<{s}>" for s in sentences]


def test_sixty_sentence_article_every_sentence_accounted_for(marian):
    text, sentences = article(60)
    result = marian.translate(text, tgt="en")
    assert len(result.segments) == 60
    assert [s.src for s in result.segments] == sentences
    assert all(text[s.start:s.end] == s.src for s in result.segments)
    assert all(s.tgt for s in result.segments), result.warnings
    assert result.text.count("\n\n") == text.count("\n\n") == 11
    assert "\n\n" not in result.text.split("\n\n")[0]


def test_paragraph_breaks_are_kept_and_sentences_of_a_line_joined_by_a_space(marian, monkeypatch):
    monkeypatch.setattr(marian, "_generate", echo(transform=lambda t: "X"))
    text = "शीर्षक यहाँ\n  सरकार ने घोषणा की। पुलिस ने जांच की।  \n\n\nदिल्ली में मौसम साफ रहेगा।\n"
    result = marian.translate(text, src="hi", tgt="en")
    assert result.text == "X\nX X\n\n\nX"


def test_overlong_sentence_is_split_at_clauses_not_truncated(marian, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(marian, "_generate", echo(calls, transform=lambda t: t))
    clauses = [f"मुख्यमंत्री ने कहा कि राज्य में बारिश से भारी नुकसान हुआ है {i}" for i in range(1, 7)]
    sentence = ", ".join(clauses) + "।"
    result = marian.translate(sentence, src="hi", tgt="en")
    assert len(result.segments) == 1 and result.segments[0].src == sentence
    assert len(calls) > 1
    assert all(marian._count_tokens(c, "hi", "en") <= marian.max_source_tokens for c in calls)
    assert sorted(" ".join(calls).split()) == sorted(sentence.split())  # every word, once
    assert result.segments[0].tgt.split() == sentence.split()  # pieces joined back in order
    assert any("exceed the model limit of 64" in w and "segment 1" in w for w in result.warnings)


def test_overlong_sentence_on_the_real_model_yields_one_segment(marian):
    sentence = " ".join(HI_SENTENCES[:6]).replace("।", ",") + "।"
    result = marian.translate(sentence + " कंपनी ने बयान जारी किया।", src="hi", tgt="en")
    assert [s.src for s in result.segments] == [sentence, "कंपनी ने बयान जारी किया।"]
    assert result.segments[0].tgt


@pytest.mark.parametrize("text, expected", [
    ("a; b, c और d", ["a;", "b, c और d"]),
    ("a, b और c", ["a,", "b और c"]),
    ("aaa bbb और ccc कि ddd", ["aaa bbb", "और ccc", "कि ddd"]),
    ("one two three four", ["one two", "three", "four"]),
    ("abcdefgh", ["abcd", "efgh"]),
])
def test_split_to_fit_prefers_clause_boundaries(text, expected):
    from newsdigest.translate._segment import split_to_fit

    limits = {"a; b, c और d": 9, "a, b और c": 7, "aaa bbb और ccc कि ddd": 8, "one two three four": 8,
              "abcdefgh": 4}
    pieces = split_to_fit(text, 0, len(text), lambda piece: len(piece) <= limits[text])
    assert [text[s:e] for s, e in pieces] == expected


def test_numbers_lost_by_the_model_are_reported(marian, monkeypatch):
    monkeypatch.setattr(marian, "_generate", echo(transform=lambda t: "The scheme was announced."))
    text = "सरकार ने नई योजना की घोषणा की। योजना पर ५,००,००० रुपये और 12 दिन लगेंगे।"
    result = marian.translate(text, src="hi", tgt="en")
    assert "segment 2: number 500000 missing in translation" in result.warnings
    assert "segment 2: number 12 missing in translation" in result.warnings
    assert not any(w.startswith("segment 1:") for w in result.warnings)


@pytest.mark.parametrize("source, output, repaired", [
    ("योजना पर ५,००,००० रुपये लगेंगे।", "The scheme will cost 50000 rupees.", "The scheme will cost 5,00,000 rupees."),
    ("कुल 1,250 लोग आए।", "A total of 1205 people came.", "A total of 1,250 people came."),
])
def test_a_single_wrong_number_is_repaired(marian, monkeypatch, source, output, repaired):
    monkeypatch.setattr(marian, "_generate", echo(transform=lambda t: output))
    result = marian.translate(source, src="hi", tgt="en")
    assert result.segments[0].tgt == repaired
    assert len(result.warnings) == 1 and "replaced" in result.warnings[0]


@pytest.mark.parametrize("source, output", [
    ("योजना पर 5 लाख रुपये लगेंगे।", "The scheme will cost 500,000 rupees."),
    ("योजना पर ५ लाख रुपये लगेंगे।", "The scheme will cost 5 lakh rupees."),
    ("साल २०२४ में 3.50 प्रतिशत बढ़त।", "A 3.5 percent rise in 2024."),
    ("कुल 1 लाख 20 हजार लोग आए।", "A total of 120,000 people came."),
    ("सौदा $2bn का है।", "The deal is worth 2 billion dollars."),
])
def test_numbers_written_differently_are_not_flagged(marian, monkeypatch, source, output):
    monkeypatch.setattr(marian, "_generate", echo(transform=lambda t: output))
    assert marian.translate(source, src="hi", tgt="en").warnings == []


def test_links_and_latin_names_are_checked(marian, monkeypatch):
    monkeypatch.setattr(marian, "_generate", echo(transform=lambda t: "The company said on X."))
    result = marian.translate("Meta ने https://about.meta.com पर बयान जारी किया।", src="hi", tgt="en")
    assert "segment 1: link https://about.meta.com missing in translation" in result.warnings
    assert "segment 1: name 'Meta' missing in translation" in result.warnings


def test_sentences_already_in_the_target_language_are_copied(marian, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(marian, "_generate", echo(calls))
    text = "Meta Statement Facebook Instagram Down: users were logged out\nकंपनी ने बयान जारी किया। 2024"
    result = marian.translate(text, src="hi", tgt="en")
    assert calls == ["कंपनी ने बयान जारी किया।"]
    assert [s.tgt for s in result.segments] == [
        "Meta Statement Facebook Instagram Down: users were logged out", "<कंपनी ने बयान जारी किया।>", "2024"]


def test_output_cut_at_the_generation_limit_is_reported(marian, monkeypatch):
    monkeypatch.setattr(marian, "_generate", lambda texts, *a: [("cut", True) for _ in texts])
    result = marian.translate("कंपनी ने बयान जारी किया।", src="hi", tgt="en")
    assert result.warnings == ["segment 1: translation stopped at the generation limit and may be cut"]


def test_translate_many_keeps_order_when_one_input_is_bad(marian, monkeypatch):
    monkeypatch.setattr(marian, "_generate", echo())
    results = list(marian.translate_many(["कंपनी ने बयान जारी किया।", "", None, "स्कूल कल से खुलेंगे।"],
                                         src="hi", tgt="en"))
    assert [r.text for r in results] == ["<कंपनी ने बयान जारी किया।>", "", "", "<स्कूल कल से खुलेंगे।>"]
    assert results[1].warnings == ["empty input: nothing to translate"]
    assert results[2].warnings[0].startswith("input error:")


def test_translation_to_dict_shape(marian, monkeypatch):
    monkeypatch.setattr(marian, "_generate", echo())
    d = marian.translate("कंपनी ने बयान जारी किया।", tgt="en").to_dict()
    assert set(d) == {"schema_version", "src_lang", "tgt_lang", "model", "segments", "text", "warnings"}
    sentence = "कंपनी ने बयान जारी किया।"
    assert d["segments"] == [{"src": sentence, "tgt": f"<{sentence}>", "start": 0, "end": len(sentence)}]
    json.dumps(d)


def test_translate_summary_returns_headline_bullets_and_labelled_warnings(marian, monkeypatch):
    from newsdigest.translate import translate_summary

    monkeypatch.setattr(marian, "_generate", echo(transform=lambda t: "translated"))
    headline, bullets, warnings = translate_summary(
        marian, "मेटा का बयान", ["कंपनी ने 2 बयान दिए।", "सेवा शुरू हुई।"], "hi", "en")
    assert headline == "translated" and bullets == ["translated", "translated"]
    assert warnings == ["bullet 1: segment 1: number 2 missing in translation"]


def test_missing_model_folder_raises_model_not_found_with_the_fix(tmp_path):
    from newsdigest.translate import Translator

    with pytest.raises(ModelNotFoundError) as err:
        Translator(tmp_path / "no-such-model")
    assert "newsdigest models pull" in str(err.value) and "--model DIR" in str(err.value)
    assert isinstance(err.value, FileNotFoundError)


def test_uncached_hub_id_raises_model_not_found_offline(monkeypatch, tmp_path):
    import huggingface_hub.constants

    from newsdigest.translate import Translator

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path))
    with pytest.raises(ModelNotFoundError, match="newsdigest models pull Helsinki-NLP/opus-mt-hi-en"):
        Translator("Helsinki-NLP/opus-mt-hi-en")


def test_pickled_weights_are_refused(marian_dir, tmp_path):
    from newsdigest.translate import Translator

    folder = tmp_path / "bin-only"
    folder.mkdir()
    for f in marian_dir.iterdir():
        (folder / ("pytorch_model.bin" if f.suffix == ".safetensors" else f.name)).write_bytes(f.read_bytes())
    with pytest.raises(ModelNotFoundError, match="safetensors"):
        Translator(folder)


def test_cached_hub_model_without_safetensors_says_so(marian_dir, monkeypatch, tmp_path):
    import huggingface_hub.constants

    from newsdigest.translate import Translator

    repo = tmp_path / "models--someone--tiny-mt"
    snapshot = repo / "snapshots" / ("0" * 40)
    snapshot.mkdir(parents=True)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("0" * 40)
    (snapshot / "config.json").write_bytes((marian_dir / "config.json").read_bytes())
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path))
    with pytest.raises(ModelNotFoundError, match="no \\*.safetensors weights"):
        Translator("someone/tiny-mt")


@pytest.mark.parametrize("surface, key", [
    ("५,००,०००", "500000"), ("5,00,000", "500000"), ("500,000", "500000"), ("1,234.50", "1234.5"),
    ("०३", "3"), ("3.0", "3"), ("1,2", None),
])
def test_number_keys_normalize_digits_and_grouping(surface, key):
    from newsdigest.translate.protect import number_key

    assert number_key(surface) == key


def test_scale_words_give_a_second_key():
    from newsdigest.translate.protect import numbers

    assert [sorted(i.keys) for i in numbers("2.5 करोड़ और 5 lakh")] == [["2.5", "25000000"], ["5", "500000"]]
    assert [(i.surface, sorted(i.keys)) for i in numbers("1 लाख 20 हजार लोग")] == [("1 लाख 20", ["120000"])]


def test_score_is_perfect_for_identical_text_in_both_languages():
    pytest.importorskip("sacrebleu")
    from newsdigest.evaluation.translation import score

    hi = score(["सरकार ने नई योजना की घोषणा की है।"], ["सरकार ने नई योजना की घोषणा की है।"], "hi")
    en = score(["The weather in Delhi will be clear today."], ["The weather in Delhi will be clear today."], "en")
    assert hi["chrf++"] == en["chrf++"] == 100.0 and hi["bleu"] == en["bleu"] == 100.0


def test_read_parallel_rejects_records_without_the_language(tmp_path):
    from newsdigest.evaluation.translation import read_parallel

    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps({"id": "1", "hi": "नमस्ते", "en": "Hello"}) + "\n"
                    + json.dumps({"id": "2", "hi": "धन्यवाद"}) + "\n", encoding="utf-8")
    assert read_parallel(path, "hi", "en", limit=1) == [("नमस्ते", "Hello")]
    with pytest.raises(InputError, match=":2:"):
        read_parallel(path, "hi", "en")


def test_read_parallel_reads_standard_input_for_a_dash(monkeypatch):
    import io
    import sys

    from newsdigest.evaluation.translation import read_parallel

    data = json.dumps({"hi": "नमस्ते", "en": "Hello"}, ensure_ascii=False).encode("utf-8") + b"\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert read_parallel("-", "hi", "en") == [("नमस्ते", "Hello")]


# -- abstractive summaries ----------------------------------------------------------------------

@pytest.fixture(scope="session")
def summarizer(tmp_path_factory):
    from newsdigest.summary.abstractive import AbstractiveSummarizer

    folder = tiny_seq2seq.build_mt5(tmp_path_factory.mktemp("mt5"))
    return AbstractiveSummarizer(folder, max_new_tokens=6, num_beams=1)


def test_summarizer_chunks_a_long_article_at_sentence_boundaries(summarizer, monkeypatch):
    seen: list[str] = []

    def fake(chunks, lang):
        first = len(seen)
        seen.extend(chunks)
        return [(f"सारांश {first + i}। मार्क जुकरबर्ग ने बयान दिया।", False) for i in range(len(chunks))]

    monkeypatch.setattr(summarizer, "_generate", fake)
    text, sentences = article(20)
    headline, bullets, warnings = summarizer.summarize(text, "hi")
    assert len(seen) > 1 and " ".join(seen).split() == " ".join(sentences).split()
    assert all(summarizer._fits(chunk) for chunk in seen)
    assert headline == "सारांश 0।" and "मार्क जुकरबर्ग ने बयान दिया।" in bullets
    assert len(bullets) == len(seen)  # one "सारांश i" per chunk after the headline; the repeat once
    assert any("chunks cut at sentence boundaries" in w for w in warnings)
    assert "summary: name 'मार्क जुकरबर्ग' not in the article" in warnings


def test_summarizer_runs_the_real_tiny_model(summarizer):
    headline, bullets, warnings = summarizer.summarize("सरकार ने नई योजना की घोषणा की है।", "hi")
    assert isinstance(headline, str) and isinstance(bullets, list) and isinstance(warnings, list)


def test_mbart_style_summarizer_is_told_the_language(checkpoints, monkeypatch):
    from newsdigest.summary.abstractive import AbstractiveSummarizer
    from newsdigest.translate import _hf

    seen = {}

    def spy(model, tokenizer, texts, max_new_tokens, **kwargs):
        seen.update(kwargs, src_lang=tokenizer.src_lang)
        return [("सारांश।", False) for _ in texts]

    summarizer = AbstractiveSummarizer(checkpoints["mbart50"], max_new_tokens=4, num_beams=1)
    monkeypatch.setattr(_hf, "generate", spy)
    summarizer.summarize("सरकार ने नई योजना की घोषणा की है।", "hi")
    tokenizer = summarizer._tokenizer
    assert seen["src_lang"] == "hi_IN" and seen["forced_bos_token_id"] == tokenizer.lang_code_to_id["hi_IN"]


def test_grounding_flags_unsupported_numbers_and_names_only():
    from newsdigest.summary.abstractive import grounding_warnings

    source = "मेटा के प्रवक्ता एंडी स्टोन ने कहा कि 5 लाख यूजर्स प्रभावित हुए। Meta shares fell."
    assert grounding_warnings(source, ["मेटा ने कहा कि 500000 यूजर्स प्रभावित", "Meta said so."]) == []
    assert grounding_warnings(source, ["मार्क जुकरबर्ग ने 12 बार कहा", "Google shares fell."]) == [
        "summary: number '12' not in the article", "summary: name 'मार्क जुकरबर्ग' not in the article",
        "summary: name 'Google' not in the article"]
