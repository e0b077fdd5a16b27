"""Entities: NER spans (ner, tagging), their artifact, linking into entities, gold data and scoring."""
