"""Evaluation code, apart from the digest pipeline (which never imports it): span F1 and the news-hi
span scoring (``ner``, ``metrics``), ROUGE with a Devanagari tokenizer (``rouge``), name spelling
scores on cricinfo (``names``), translation scores (``translation``). Their third-party packages come
with the ``eval`` extra (``pip install "newsdigest[eval]"``): seqeval, rouge-score, sacrebleu.
"""
