"""Quote rules found on news text (news-hi dev/train patterns), each on a sentence written for the test."""
import pytest

from newsdigest.facts import extract_facts

from test_facts import make_digest, name


def quotes(digest):
    return [f for f in extract_facts(digest) if f.type == "quote"]


# -- headlines ------------------------------------------------------------------------------------

VERMA = [("PER", "सुरेश वर्मा", "Suresh Verma", ["सुरेश वर्मा"])]


@pytest.mark.parametrize("text", [
    "सुरेश वर्मा ने कहा- अगले साल तक पूरा होगा पुल का काम",
    "सुरेश वर्मा बोले, 'हम पीछे नहीं हटेंगे', सरकार ने बुलाई बैठक",
    "स्टेशन पर फिर जुटी भीड़, सुरेश वर्मा ने पूछा 'ट्रेन कब आएगी?'",
])
def test_a_headline_alone_has_no_quotes(text):
    assert quotes(make_digest(text, VERMA)) == []


def test_quotes_in_the_title_line_are_skipped_but_the_article_quotes_are_kept():
    text = ("मंत्री बोले- 'पुल अगले साल खुलेगा'\n"
            "नगर के नए पुल पर काम तेज़ हो गया है। मंत्री सुरेश वर्मा ने कहा, 'पुल अगले साल खुलेगा।'")
    d = make_digest(text, VERMA, title=text.split("\n")[0])
    found = quotes(d)
    assert [q.text for q in found] == ["पुल अगले साल खुलेगा।"] and name(d, found[0].speaker) == "Suresh Verma"


# -- quotation marks ----------------------------------------------------------------------------------

SHARMA = [("PER", "रीना शर्मा", "Reena Sharma", ["रीना शर्मा", "शर्मा"])]


@pytest.mark.parametrize("text,quote", [
    # the closing mark glued to the next sentence
    ("रीना शर्मा ने कहा, ‘स्कूल सोमवार से खुलेंगे।’अगले दिन बैठक हुई।", "स्कूल सोमवार से खुलेंगे।"),
    ("रीना शर्मा ने कहा, 'स्कूल सोमवार से खुलेंगे।'अगले दिन बैठक हुई।", "स्कूल सोमवार से खुलेंगे।"),
    ('रीना शर्मा ने कहा, "स्कूल सोमवार से खुलेंगे."अगले दिन बैठक हुई.', "स्कूल सोमवार से खुलेंगे."),
    # a closing mark typed for the opening one, an opening mark for the closing one
    ("रीना शर्मा ने कहा,’स्कूल सोमवार से खुलेंगे।’ अगले दिन बैठक हुई।", "स्कूल सोमवार से खुलेंगे।"),
    ("रीना शर्मा ने कहा, “स्कूल सोमवार से खुलेंगे.“अगले दिन बैठक हुई.", "स्कूल सोमवार से खुलेंगे."),
])
def test_quote_marks_glued_to_the_next_word_or_typed_the_wrong_way_still_pair(text, quote):
    d = make_digest(text, SHARMA)
    assert [(q.text, name(d, q.speaker)) for q in quotes(d)] == [(quote, "Reena Sharma")]


def test_a_quotation_never_closed_runs_to_the_end_of_its_paragraph():
    text = ("रीना शर्मा ने कहा, ‘‘स्कूल सोमवार से खुलेंगे। बच्चों को किताबें मुफ्त मिलेंगी।\n"
            "शिक्षा विभाग ने तैयारी शुरू कर दी है।")
    d = make_digest(text, SHARMA)
    assert [q.text for q in quotes(d)] == ["स्कूल सोमवार से खुलेंगे। बच्चों को किताबें मुफ्त मिलेंगी।"]


def test_a_quotation_after_the_end_of_an_unclosed_one_is_its_own():
    text = ("रीना शर्मा ने कहा, ‘‘स्कूल सोमवार से खुलेंगे।’’शर्मा ने बताया, ‘‘बच्चों को किताबें मुफ्त मिलेंगी।")
    d = make_digest(text, SHARMA)
    assert [q.text for q in quotes(d)] == ["स्कूल सोमवार से खुलेंगे।", "बच्चों को किताबें मुफ्त मिलेंगी।"]


def test_an_english_apostrophe_is_not_a_quotation_mark():
    text = "Reena Sharma's office said: 'Schools will reopen on Monday.'"
    d = make_digest(text, [("PER", "रीना शर्मा", "Reena Sharma", ["Reena Sharma"])], lang="en")
    assert [q.text for q in quotes(d)] == ["Schools will reopen on Monday."]


# -- where the attribution is ------------------------------------------------------------------------

KAPOOR = [("PER", "अनिल कपूर", "Anil Kapoor", ["अनिल कपूर", "कपूर"]),
          ("PER", "सीमा राव", "Seema Rao", ["सीमा राव", "सीमा"])]


@pytest.mark.parametrize("text", [
    'पुल की मरम्मत पर बात हुई.कपूर कहते हैं, "काम दो हफ्ते में पूरा होगा. उसके बाद रास्ता खुलेगा."',
    'पुल की मरम्मत पर बात हुई. अनिल कपूर ने कहा. "काम दो हफ्ते में पूरा होगा. उसके बाद रास्ता खुलेगा."',
])
def test_an_introduction_the_splitter_left_in_the_sentence_before_still_attributes(text):
    d = make_digest(text, KAPOOR)
    assert [(q.text, name(d, q.speaker)) for q in quotes(d)] == [
        ("काम दो हफ्ते में पूरा होगा. उसके बाद रास्ता खुलेगा.", "Anil Kapoor")]


def test_a_quote_ending_its_sentence_is_attributed_by_the_next_sentence():
    text = "दोनों देर तक चुप रहे। “अब हम क्या करेंगे?” सीमा ने धीमे से पूछा। फिर वे घर लौट गए।"
    d = make_digest(text, KAPOOR)
    assert [(q.text, name(d, q.speaker)) for q in quotes(d)] == [("अब हम क्या करेंगे?", "Seema Rao")]


def test_a_sentence_that_opens_a_quote_of_its_own_does_not_attribute_the_quote_before():
    text = "अनिल कपूर ने लिखा, 'बहुत बढ़िया'। सीमा राव ने भी लिखा, 'मुझे यह फिल्म पसंद आई।'"
    d = make_digest(text, KAPOOR)
    assert [(q.text, name(d, q.speaker)) for q in quotes(d)] == [
        ("बहुत बढ़िया", "Anil Kapoor"), ("मुझे यह फिल्म पसंद आई।", "Seema Rao")]


def test_the_introduction_before_a_quote_wins_over_a_speech_verb_after_it():
    text = "अनिल कपूर ने कहा, 'सड़क अगले महीने बनेगी' वहीं, सीमा राव ने शुक्रवार को कहा कि बजट कम है।"
    d = make_digest(text, KAPOOR)
    assert [(q.text, name(d, q.speaker)) for q in quotes(d)] == [("सड़क अगले महीने बनेगी", "Anil Kapoor")]


def test_a_split_quote_gets_the_speaker_named_between_its_parts():
    text = "‘सड़क अगले महीने बनेगी’अनिल कपूर ने अपने भाषण में कहा, ‘बजट की कोई कमी नहीं है।’"
    d = make_digest(text, KAPOOR)
    assert [name(d, q.speaker) for q in quotes(d)] == ["Anil Kapoor", "Anil Kapoor"]


@pytest.mark.parametrize("text", [
    "अनिल कपूर ने फिल्म 'नीला आसमान' की तारीफ करते हुए कहा कि सबको इसे देखना चाहिए।",
    "इस योजना को ‘हर घर जल’ नाम देने के पीछे की सोच पर अनिल कपूर ने कहा कि पानी सबका हक है।",
])
def test_a_quoted_title_the_sentence_goes_on_with_is_not_a_quote(text):
    assert quotes(make_digest(text, KAPOOR)) == []


def test_a_quoted_slogan_is_a_quote():
    text = "रैली में अनिल कपूर ने 'देश बचाओ, रोजगार दो' के नारे लगाए।"
    d = make_digest(text, KAPOOR)
    assert [(q.text, name(d, q.speaker)) for q in quotes(d)] == [("देश बचाओ, रोजगार दो", "Anil Kapoor")]


# -- speakers ---------------------------------------------------------------------------------------------

def test_a_name_inside_a_quote_is_neither_its_speaker_nor_a_pronouns_antecedent():
    text = ("सीमा राव ने तंज कसते हुए कहा, ‘‘अनिल कपूर हर हफ्ते विदेश जाते हैं।’’ "
            "उन्होंने सवाल उठाया, ‘‘इतने दौरों की क्या जरूरत है?’’")
    d = make_digest(text, KAPOOR)
    assert [name(d, q.speaker) for q in quotes(d)] == ["Seema Rao", "Seema Rao"]


def test_a_name_quoted_after_a_slogan_is_not_the_speaker():
    text = "भीड़ ने 'जय हो' के नारे लगाए और 'अनिल कपूर जिंदाबाद' भी कहा। सीमा राव ने कहा, 'सब शांत रहें।'"
    d = make_digest(text, KAPOOR)
    assert all(name(d, q.speaker) != "Anil Kapoor" for q in quotes(d))


# -- introductions ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,quote", [
    ("वीडियो पर खूब कमेंट आए। एक दर्शक ने लिखा- आप बहुत अच्छा गाती हैं।", "आप बहुत अच्छा गाती हैं"),
    ("वीडियो पर खूब कमेंट आए। किसी ने पूछा- अगला गाना कब आएगा?", "अगला गाना कब आएगा?"),
    ("शाम को सभा हुई। कवि ने यह कविता पढ़ी-धूप ढली तो घर लौट आए पंछी", "धूप ढली तो घर लौट आए पंछी"),
])
def test_text_after_a_dash_introduction_is_a_quote_even_when_no_speaker_is_named(text, quote):
    found = quotes(make_digest(text))
    assert [q.text for q in found] == [quote] and found[0].speaker is None


def test_a_quarrel_kaha_suni_is_not_an_introduction():
    text = "बाजार में दो दुकानदारों के बीच कहा-सुनी हो गई और भीड़ जमा हो गई।"
    assert quotes(make_digest(text)) == []


@pytest.mark.parametrize("text", [
    "पुलिस विभाग की ओर से कहा गया कि, 'जांच पूरी होने तक सड़क बंद रहेगी।'",
    'बैठक के बाद अनिल कपूर ने कहा. " जांच पूरी होने तक सड़क बंद रहेगी."',
])
def test_passive_and_full_stop_introductions(text):
    d = make_digest(text, KAPOOR)
    assert [q.text.strip() for q in quotes(d)] == [text.split("'" if "'" in text else '"')[1].strip()]


@pytest.mark.parametrize("text,found", [
    ("अनिल कपूर ने कहा कि यह सारा हंगामा 'विपक्ष के कुछ नेताओं' ने कराया।", ["विपक्ष के कुछ नेताओं"]),
    ("अनिल कपूर ने कहा कि जनता ‘पूरी तरह बदलाव चाहती है।’ फिर सभा खत्म हुई।", ["पूरी तरह बदलाव चाहती है।"]),
    ("अनिल कपूर ने कहा कि सरकार का ‘डिजिटल’ गांव दरअसल ‘बिना-बिजली’ गांव है।", []),
    ("अनिल कपूर ने कहा कि 'पहली बारिश' और 'आखिरी खत' में उन्हें बड़े रोल मिले।", []),
])
def test_words_quoted_in_reported_speech_are_a_quote_unless_a_short_term_or_listed_titles(text, found):
    assert [q.text for q in quotes(make_digest(text, KAPOOR))] == found


PEOPLE = KAPOOR + [("ORG", "स्वास्थ्य मंत्रालय", "Health Ministry", ["स्वास्थ्य मंत्रालय"]),
                   ("PER", "नरेंद्र मोदी", "Narendra Modi", ["नरेंद्र मोदी"])]


@pytest.mark.parametrize("text,speaker", [
    # the agent nearest the verb: a relative pronoun refers to the name before it
    ("सीमा राव ने अनिल कपूर की आलोचना की, जिसने रैली में 'देश बचाओ' के नारे लगाए थे।", "Anil Kapoor"),
    # a plain noun as the agent names no entity
    ("अनिल कपूर के पिता ने कहा, 'हमें न्याय चाहिए।'", None),
    # a title marked with ने: the person introduced with it, a former one for पूर्व
    ("राज्य के पूर्व मुख्यमंत्री अनिल कपूर ने मुख्यमंत्री सीमा राव पर निशाना साधा। "
     "पूर्व मुख्यमंत्री ने कहा, ‘‘खजाना खाली है।’’", "Anil Kapoor"),
    ("प्रधानमंत्री नरेंद्र मोदी ने प्रदर्शनी देखी। PM ने लिखा- यह यात्रा सुखद रही।", "Narendra Modi"),
    # "X सरकार ने": X's government speaks
    ("अदालत में सीमा राव सरकार ने कहा- राज्य में कानून व्यवस्था ठीक है।", "Seema Rao"),
    ("अनिल कपूर और सीमा राव जैसे नेताओं ने आरोप लगाया, 'चुनाव में धांधली हुई।'", "Anil Kapoor"),
])
def test_the_hindi_agent_of_the_speech_verb_is_the_speaker(text, speaker):
    d = make_digest(text, PEOPLE)
    assert [name(d, q.speaker) for q in quotes(d)] == [speaker]


@pytest.mark.parametrize("text,speaker", [
    # the subject marked with ने, not the last name before the pronoun
    ("अनिल कपूर ने कहा कि सीमा राव की सरकार स्थिर है। उन्होंने कहा, 'कोई खतरा नहीं है।'", "Anil Kapoor"),
    # the subject opening an earlier sentence; a name with को is not a subject, a pronoun subject is skipped
    ("सीमा राव फिल्मों के लिए जानी जाती हैं। अनिल कपूर को दिए इंटरव्यू में उन्होंने पुरानी बातें बताईं। "
     "उन्होंने कहा- हम दोनों साथ पढ़ते थे।", "Seema Rao"),
    ("सीमा राव को बचपन से गाने का शौक था। वो कहती हैं, 'मैं हर दिन रियाज करती हूं।'", "Seema Rao"),
    ("अनिल कपूर आज बैठक में थे। उन्होंने ने कहा, 'काम जल्द पूरा होगा।'", "Anil Kapoor"),
    # उसने may be an organisation
    ("स्वास्थ्य मंत्रालय ने रविवार को आंकड़े जारी किए। उसने कहा, ‘‘स्वस्थ होने की दर बढ़ी है।’’", "Health Ministry"),
])
def test_a_pronoun_speaker_is_the_subject_it_refers_to(text, speaker):
    d = make_digest(text, PEOPLE)
    found = quotes(d)
    assert [name(d, q.speaker) for q in found] == [speaker] and found[0].extra["via"] == "pronoun"


@pytest.mark.parametrize("text", [
    "विश्लेषक सीमा राव मानते हैं, “चुनाव में महंगाई बड़ा मुद्दा होगा.”",
    "विश्लेषक सीमा राव का मानना है कि, “चुनाव में महंगाई बड़ा मुद्दा होगा.”",
    "सबकी बात सुनकर सीमा राव भी बोल पड़ी, ‘चुनाव में महंगाई बड़ा मुद्दा होगा।’",
])
def test_opinion_and_outburst_verbs_introduce_a_quote(text):
    d = make_digest(text, KAPOOR)
    assert [name(d, q.speaker) for q in quotes(d)] == ["Seema Rao"]


def test_an_opinion_verb_after_a_quote_does_not_attribute_it():
    text = "गांव में 'पानी ही जीवन है' की बात को सीमा राव भी सही मानती हैं।"
    assert quotes(make_digest(text, KAPOOR)) == []


def test_a_long_attribution_opened_by_the_agent_attributes_the_quote_and_stops_at_its_verb():
    text = ("‘सड़कों की मरम्मत जल्द होगी’सीमा राव ने शहर में बारिश के बाद बने गड्ढों और जलभराव के बारे में पत्रकारों के "
            "पूछे जाने पर कहा, ‘अनिल कपूर ने भी इसकी शिकायत की थी।’")
    d = make_digest(text, KAPOOR)
    assert [name(d, q.speaker) for q in quotes(d)] == ["Seema Rao", "Seema Rao"]


# -- quotations standing alone ------------------------------------------------------------------------

def test_a_quotation_that_is_a_whole_sentence_is_a_quote_even_without_a_speech_verb():
    text = "दरवाजे पर दस्तक हुई।\n“अरे, तुम इतनी जल्दी आ गईं?”\nसीमा राव और अनिल कपूर हंसने लगे।"
    d = make_digest(text, KAPOOR)
    assert [(q.text, q.speaker) for q in quotes(d)] == [("अरे, तुम इतनी जल्दी आ गईं?", None)]


def test_a_quotation_left_open_is_not_taken_for_a_sentence_of_speech():
    text = "मैच पर चर्चा हुई। \"इस सत्र में सभी खिलाड़ी घरेलू मैच खेले. टीम ने तैयारी पूरी की."
    assert quotes(make_digest(text, KAPOOR)) == []


def test_unattributed_quotations_in_an_article_quoting_one_person_are_that_persons():
    text = ("सीमा राव गांव की महिलाओं को पढ़ाती हैं। सीमा राव ने कहा कि पढ़ाई से आत्मविश्वास आता है। "
            "उन्होंने कहा, 'हर महिला को पढ़ना चाहिए।'\n'एक दिन एक बुजुर्ग महिला ने अपना नाम लिखना सीखा।'")
    d = make_digest(text, KAPOOR)
    found = quotes(d)
    assert [name(d, q.speaker) for q in found] == ["Seema Rao", "Seema Rao"] and found[1].extra["via"] == "only_voice"


def test_unattributed_quotations_stay_unattributed_when_the_one_voice_is_quoted_once():
    text = "“तुम फिर देर से आईं?”\n“रास्ते में बहुत भीड़ थी, मैं क्या करती?” सीमा ने थके स्वर में कहा।"
    d = make_digest(text, KAPOOR)
    assert [name(d, q.speaker) for q in quotes(d)] == [None, "Seema Rao"]


# -- a surname shared by several people ------------------------------------------------------------

GOSWAMIS = [("PER", "केके गोस्वामी", "KK Goswami", ["केके गोस्वामी"]),
            ("PER", "रमा गोस्वामी", "Rama Goswami", ["रमा गोस्वामी"]),
            ("PER", "गोस्वामी", "Goswami", ["गोस्वामी"])]


def test_a_surname_alone_speaks_for_the_person_last_named_in_full_with_it():
    # linking cannot join गोस्वामी to one of two Goswamis; the quote is the one named last before it
    text = ("रमा गोस्वामी ने फ़िल्में बनाईं। अभिनेता केके गोस्वामी मुंबई आए। "
            "गोस्वामी ने कहा, 'शुरुआत में लोग हंसते थे।'")
    d = make_digest(text, GOSWAMIS)
    found = quotes(d)
    assert [(q.text, name(d, q.speaker)) for q in found] == [("शुरुआत में लोग हंसते थे।", "KK Goswami")]
    assert found[0].extra["via"] == "surname"
    # a name inside the quotation is not the one the surname refers to
    text = ("अभिनेता केके गोस्वामी मुंबई आए। गोस्वामी ने कहा, 'रमा गोस्वामी ने मुझे सिखाया।'")
    d = make_digest(text, GOSWAMIS)
    assert [name(d, q.speaker) for q in quotes(d)] == ["KK Goswami"]


def test_a_name_addressed_in_an_earlier_quotation_is_not_the_surname_that_writes():
    # a suicide note quoted twice: the heir it addresses is named in full only inside the quotations
    giris = [("PER", "नरेंद्र गिरी", "Narendra Giri", ["नरेंद्र गिरी"]),
             ("PER", "बलबीर गिरी", "Balbir Giri", ["बलबीर गिरी"]), ("PER", "गिरी", "Giri", ["गिरी"])]
    text = ("सुसाइड नोट में नरेंद्र गिरी ने उत्तराधिकारी का ऐलान किया। ‘बलबीर गिरी, तुम महंत बनोगे’ "
            "गिरी ने नोट में लिखा है, ‘मेरी समाधि पार्क में दी जाए।’")
    d = make_digest(text, giris)
    assert [(q.text, name(d, q.speaker)) for q in quotes(d)][-1] == ("मेरी समाधि पार्क में दी जाए।", "Narendra Giri")


def test_a_surname_alone_with_no_full_name_before_it_stays_itself():
    text = "गोस्वामी ने कहा, 'शुरुआत में लोग हंसते थे।' बाद में केके गोस्वामी मुंबई आए।"
    d = make_digest(text, GOSWAMIS)
    assert [name(d, q.speaker) for q in quotes(d)] == ["Goswami"]


def test_the_person_named_right_before_the_speech_verb_speaks_not_one_named_earlier_in_the_clause():
    """news-hi train bbchi-test-10: a subheading glued to the attribution ("फ़ारुख़ मुझे बख़्श दो दीप्ति कहती हैं,
    ''...''") gave Deepti Naval's quote to Farooq Sheikh, the first person of the clause."""
    text = "दोनों ने कई फ़िल्में कीं. फ़ारुख़ मुझे बख़्श दो दीप्ति कहती हैं, ''हमारी मुलाक़ात दूरदर्शन में हुई थी.''"
    d = make_digest(text, [("PER", "फ़ारुख़ शेख़", "Farooq Sheikh", ["फ़ारुख़"]), ("PER", "दीप्ति नवल", "Deepti Naval", ["दीप्ति"])])
    (q,) = [f for f in extract_facts(d) if f.type == "quote"]
    assert d.entity(q.speaker).name_en == "Deepti Naval"


def test_a_quote_paragraph_with_no_attribution_continues_the_speaker_of_the_quote_before_it():
    """BBC English politics/003: the second paragraph of a quote opens with its own mark and names nobody;
    it was an unattributed quote."""
    text = ('Ms Hewitt told the seminar: "Clearly, we need to extend the period of payment for maternity leave. '
            '"We are looking at how quickly we can do that, because there are cost implications."\n\n'
            'The Liberal Democrats said the plan was late.')
    d = make_digest(text, [("PER", "पेट्रीशिया हेविट", "Patricia Hewitt", ["Hewitt"]),
                           ("ORG", "लिबरल डेमोक्रेट्स", "Liberal Democrats", ["Liberal Democrats"])], lang="en")
    quotes = [f for f in extract_facts(d) if f.type == "quote"]
    assert [(q.text[:10], d.entity(q.speaker).name_en) for q in quotes] == [
        ("Clearly, w", "Patricia Hewitt"), ("We are loo", "Patricia Hewitt")]
    assert quotes[1].extra["via"] == "continued"


def test_a_quote_after_another_speakers_words_and_a_sentence_between_stays_unattributed():
    text = ('Ms Hewitt told the seminar: "We need to extend the period of payment for maternity leave." '
            'The seminar ended at noon. "Nothing will change for workers in the next few years."')
    d = make_digest(text, [("PER", "पेट्रीशिया हेविट", "Patricia Hewitt", ["Hewitt"])], lang="en")
    quotes = [f for f in extract_facts(d) if f.type == "quote"]
    assert [q.speaker is None for q in quotes] == [False, True]


def test_he_is_the_subject_of_the_sentences_before_not_a_person_named_in_passing():
    """BBC English business/008: '"A flexible exchange rate ...," he told the conference' went to Gordon Brown,
    the host named in the sentence before, whose subject is "he" (P Chidambaram)."""
    text = ('Mr Chidambaram is attending the G7 meeting in London. At a conference hosted by UK finance minister '
            'Gordon Brown on Friday, he said that he was in favour of floating exchange rates. "A flexible exchange '
            'rate is one more channel for absorbing shocks," he told the conference.')
    d = make_digest(text, [("PER", "पी चिदंबरम", "P Chidambaram", ["Chidambaram"]),
                           ("PER", "गॉर्डन ब्राउन", "Gordon Brown", ["Gordon Brown"])], lang="en")
    (q,) = [f for f in extract_facts(d) if f.type == "quote"]
    assert d.entity(q.speaker).name_en == "P Chidambaram"


@pytest.mark.parametrize("before, opens", [
    ("", True), ("Mr ", True), ("On Monday, defence lawyer ", True), ("Speaking to the BBC, ", True),
    ("At a conference hosted by UK finance minister ", False), ("He asked ", False), ("इस बीच ", False),
])
def test_a_name_opens_its_clause_after_honorifics_and_a_title_only(before, opens):
    from newsdigest.facts.speakers import _opens_clause

    assert _opens_clause(before) is opens


def test_a_quote_over_several_paragraphs_is_closed_at_each_paragraph_and_keeps_its_speaker():
    """BBC English politics/114: each paragraph of Mark Ballard's quote opens with a mark and only the last
    closes; the middle paragraphs were lost and the last had no speaker."""
    text = ('Mr Ballard said: "This vote will set the future of transport in Edinburgh for decades to come. '
            '"It is therefore vital that as many residents as possible are registered to vote. '
            '"Many people are not aware that they may miss out on their chance to have a say." '
            'The ballot will ask residents to vote for or against the plan.')
    d = make_digest(text, [("PER", "मार्क बैलार्ड", "Mark Ballard", ["Ballard"])], lang="en")
    quotes = [f for f in extract_facts(d) if f.type == "quote"]
    assert [q.text.split()[0] for q in quotes] == ["This", "It", "Many"]
    assert {d.entity(q.speaker).name_en for q in quotes} == {"Mark Ballard"}


def test_a_quote_right_after_the_previous_quotes_attribution_continues_that_speaker():
    text = ('"We believe that these demands should be firmly resisted," said David Frost, BCC director general. '
            '"Manufacturing still faces extremely serious problems." Ian Smith, an economist, said the MPC faced '
            'an "interesting" challenge. The bank kept rates on hold. "Nothing will change for workers this year."')
    d = make_digest(text, [("PER", "डेविड फ्रॉस्ट", "David Frost", ["David Frost"]),
                           ("PER", "इयान स्मिथ", "Ian Smith", ["Ian Smith"])], lang="en")
    quotes = [f for f in extract_facts(d) if f.type == "quote"]
    speakers = [d.entity(q.speaker).name_en if q.speaker else None for q in quotes]
    assert speakers == ["David Frost", "David Frost", None]


def test_whom_the_words_were_told_to_is_never_the_speaker():
    """BBC English politics/122, 125: '"...," he told BBC Radio 4's Today programme' gave the quote to Today,
    'He told BBC News: "..."' to BBC News."""
    text = ('Leader Michael Howard said the plans were based on policies in Canada. "It is very important that we '
            "safeguard public health,\" he told BBC Radio 4's Today programme.")
    d = make_digest(text, [("PER", "माइकल हॉवर्ड", "Michael Howard", ["Michael Howard"]),
                           ("ORG", "टुडे", "Today", ["Today"])], lang="en")
    (q,) = [f for f in extract_facts(d) if f.type == "quote"]
    assert d.entity(q.speaker).name_en == "Michael Howard"


def test_quoted_saying_introduces_a_quote():
    text = 'Mr Houston was quoted in the Herald newspaper saying: "I feel UKIP have over-reacted and overshot the runway."'
    d = make_digest(text, [("PER", "जॉन ह्यूस्टन", "John Houston", ["Houston"]), ("ORG", "हेराल्ड", "Herald", ["Herald"])],
                    lang="en")
    (q,) = [f for f in extract_facts(d) if f.type == "quote"]
    assert d.entity(q.speaker).name_en == "John Houston"
