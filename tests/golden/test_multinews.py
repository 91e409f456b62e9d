"""The same code, unchanged, on captures from other sites (Multi-News clusters) gives sensible results."""
from __future__ import annotations

from newsfuse import Config, run
from newsfuse.nlp.words import WORD

GENERIC_FURNITURE = ["share tweet pin email", "Share this article", "Advertisement\n"]


def test_multinews_clusters(tmp_path, multinews_clusters):
    config = Config.default()
    for cluster in multinews_clusters:
        folder = tmp_path / cluster["id"]
        folder.mkdir()
        for n, document in enumerate(cluster["documents"]):
            (folder / f"{n}.txt").write_text(document, encoding="utf-8")
        corpus = run([str(folder)], config)
        # Short scraps may be rejected, each with a code; the substantial documents become articles.
        substantial = [d for d in cluster["documents"] if len(WORD.findall(d)) >= 150]
        assert len(corpus.articles) >= len(substantial)
        assert all(r.code in ("E201",) for r in corpus.rejected)
        for article in corpus.articles:
            assert article.text.strip()
            for junk in GENERIC_FURNITURE:
                assert junk not in article.text
            kept = len(WORD.findall(article.text))
            assert kept >= 0.3 * len(WORD.findall(" ".join(cluster["documents"]))) / len(cluster["documents"]) or kept > 40
        assert 1 <= len(corpus.stories) <= len(corpus.articles)
        for story in corpus.stories:
            assert story.headline
            assert story.summary
