"""Small language helpers shared by the stages: words, sentences, dates."""
