"""Closed classes of Hindi function words that several stages read (one home for each list)."""

# Postpositions: a word before one is the noun phrase's end (मेटा ने, दो में से).
POSTPOSITIONS = frozenset("ने को का की के में से पर तक लिए".split())

# Titles and honorifics around a person's name; the news-hi guidelines keep them out of the name's span
# (महंत नरेंद्र गिरि names नरेंद्र गिरि, महमूद साहब names महमूद). Titles come before the name, honorifics after.
PERSON_TITLES = frozenset("""
श्री श्रीमती सुश्री डॉ डॉक्टर प्रो प्रोफेसर प्रोफ़ेसर जस्टिस न्यायमूर्ति महंत स्वामी मौलाना पंडित
कैप्टन कर्नल जनरल मेजर लेफ्टिनेंट एडवोकेट पीएम सीएम प्रधानमंत्री मुख्यमंत्री राष्ट्रपति राज्यपाल
उपराष्ट्रपति सांसद विधायक मंत्री केंद्रीय मिस्टर मिसेज मिसेज़ एडमिरल ब्रिगेडियर कमांडर इंस्पेक्टर
""".split())
PERSON_HONORIFICS = frozenset("जी साहब साहिब साब महाराज".split())
