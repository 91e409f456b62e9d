"""``newsfuse`` command line.  Exit codes: 0 all fine, 1 some inputs rejected, 2 usage error or nothing usable."""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

from .. import __version__
from ..config import Config, merge_overrides
from ..errors import Code, NewsfuseError, message
from ..model import Corpus
from ..pipeline import build, run_corpus
from ..render import FORMATS, render
from ..stages.clean import clean
from ..stages.load import load

EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE = 0, 1, 2


def _input_options(parser: argparse.ArgumentParser) -> None:
    """Options every command that reads captures shares."""
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="capture files, folders (read recursively), globs, or - for standard input")
    parser.add_argument("--config", metavar="FILE", help="a TOML file of settings (see defaults.toml in the package)")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="SECTION.KEY=VALUE",
                        help="override one setting, e.g. --set group.threshold=0.2 (repeatable)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no rejection report on stderr")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="newsfuse",
        description="Fuse raw news captures about the same events into one cited brief.",
        epilog="Exit codes: 0 all inputs used; 1 some inputs rejected (listed on stderr and in the output); "
               "2 usage error or nothing usable.")
    main.add_argument("--version", action="version", version=f"newsfuse {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND")

    brief = commands.add_parser("brief", help="write the cited brief of the stories in the captures",
                                description="Load, clean, de-duplicate and group the captures into stories, "
                                            "and write one brief per story: summary, corroborated facts, "
                                            "exclusives and sources, every sentence cited.")
    _input_options(brief)
    brief.add_argument("--format", choices=FORMATS, default="md", help="md (default), html (one self-contained "
                                                                       "page) or json")
    brief.add_argument("--split", metavar="DIR", help="write one brief per story into DIR (story-01-<id>.<format>, "
                                                      "largest story first) instead of one document")
    brief.add_argument("--length", metavar="N|Nw", type=_length,
                       help="summary length: N sentences, or about N words with a w suffix (e.g. 120w)")
    brief.add_argument("--llm", metavar="URL", help="rewrite each summary with a language model at this "
                                                    "OpenAI-compatible address (e.g. http://127.0.0.1:8080/v1); every "
                                                    "generated sentence is checked against its cited sources and "
                                                    "dropped when they do not support it")
    brief.add_argument("--llm-model", metavar="NAME", default="default", help="the model name sent to --llm")
    brief.add_argument("--png", metavar="DIR", help="also draw each story's coverage matrix and timeline as PNG "
                                                    "files in DIR (needs newsfuse[png])")
    brief.set_defaults(handler=_brief)

    stories = commands.add_parser("stories", help="list the stories in the captures, with sizes and titles",
                                  description="Load, clean, de-duplicate and group the captures, then list each "
                                              "story: its id, articles, copies, independent origins, time span "
                                              "and title.")
    _input_options(stories)
    stories.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    stories.set_defaults(handler=_stories)

    clean_cmd = commands.add_parser("clean", help="show each capture's cleaned text, metadata and removed lines",
                                    description="Run only loading and cleaning, to audit what was kept and what "
                                                "was removed and why.")
    _input_options(clean_cmd)
    clean_cmd.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    clean_cmd.set_defaults(handler=_clean)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    cli = parser()
    args = cli.parse_args(argv)
    if not getattr(args, "handler", None):
        cli.print_help(sys.stderr)
        return EXIT_UNUSABLE
    try:
        return args.handler(args)
    except NewsfuseError as exc:
        print(f"newsfuse: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("newsfuse: interrupted", file=sys.stderr)
        return 130


def _length(value: str) -> tuple[str, int]:
    text = value.strip().lower()
    unit = "words" if text.endswith("w") else "sentences"
    number = text.rstrip("w")
    if not number.isdigit() or int(number) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number of sentences or words (e.g. 6 or 120w), got {value!r}")
    return unit, int(number)


def _config(args: argparse.Namespace) -> Config:
    extra = list(args.overrides)
    length = getattr(args, "length", None)
    if length:
        unit, number = length
        extra += [f"synthesize.summary_words={number if unit == 'words' else 0}"]
        if unit == "sentences":
            extra += [f"synthesize.summary_sentences={number}"]
    overrides = merge_overrides(extra)
    return Config.from_file(args.config, overrides) if args.config else Config.from_dict(overrides)


def _progress(args: argparse.Namespace):
    if args.quiet or not sys.stderr.isatty():
        return None, None
    from tqdm import tqdm

    bar = tqdm(total=len(build()), unit="stage", file=sys.stderr, leave=False)

    def update(name: str, number: int, total: int) -> None:
        bar.set_description(name)
        bar.n = number - 1
        bar.refresh()

    return update, bar


def _brief(args: argparse.Namespace) -> int:
    config = _config(args)
    corpus = load(args.paths, config)
    progress, bar = _progress(args)
    try:
        corpus = run_corpus(corpus, config, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    if not corpus.articles:
        _report(corpus, args)
        print("newsfuse: " + message(Code.E902, detail="no article could be read from the input"), file=sys.stderr)
        return EXIT_UNUSABLE
    if args.llm:
        corpus = _rewrite(corpus, config, args)
    if args.png:
        _write_png(corpus, args.png)
    if args.split:
        _write_split(corpus, args.format, args.split)
    else:
        _write(render(corpus, args.format), args.output)
    _report(corpus, args)
    return EXIT_REJECTED if corpus.rejected else EXIT_OK


def _rewrite(corpus: Corpus, config: Config, args: argparse.Namespace) -> Corpus:
    from ..stages.synthesize.rewrite import RewriteSettings, rewrite

    encode = None
    if config.synthesize.embeddings != "off":
        from ..nlp import embed
        if embed.available():
            encode = embed.encode
    words = config.synthesize.summary_words
    sentences = max(1, round(words / 25)) if words else config.synthesize.summary_sentences
    return rewrite(corpus, RewriteSettings(args.llm, model=args.llm_model, sentences=sentences), encode=encode)


def _write_png(corpus: Corpus, folder: str) -> None:
    from pathlib import Path

    from ..render.coverage import coverage_svg, timeline_svg, to_png
    from ..render.view import story_views

    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
        for number, view in enumerate(story_views(corpus), 1):
            stem = f"story-{number:02d}-{view.story.id}"
            (target / f"{stem}-coverage.png").write_bytes(to_png(coverage_svg(view)))
            (target / f"{stem}-timeline.png").write_bytes(to_png(timeline_svg(view)))
    except OSError as exc:
        raise NewsfuseError(Code.E901, detail=f"cannot write PNG files to {folder}: {exc.strerror}") from exc
    except RuntimeError as exc:
        raise NewsfuseError(Code.E901, detail=str(exc)) from exc


def _write_split(corpus: Corpus, fmt: str, folder: str) -> None:
    from pathlib import Path

    from ..render import split

    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NewsfuseError(Code.E901, detail=f"cannot create {folder}: {exc.strerror}") from exc
    for number, part in enumerate(split(corpus), 1):
        _write(render(part, fmt), str(target / f"story-{number:02d}-{part.stories[0].id}.{fmt}"))


def _stories(args: argparse.Namespace) -> int:
    from ..stories import list_stories

    config = _config(args)
    corpus = load(args.paths, config)
    stages = [stage for stage in build() if stage.name in ("clean", "dedupe", "group")]
    corpus = run_corpus(corpus, config, stages=stages)
    if not corpus.articles:
        _report(corpus, args)
        print("newsfuse: " + message(Code.E902, detail="no article could be read from the input"), file=sys.stderr)
        return EXIT_UNUSABLE
    rows = list_stories(corpus)
    if args.format == "json":
        import json

        _write(json.dumps({"stories": rows, "rejected": [r.to_dict() for r in corpus.rejected]},
                          ensure_ascii=False, indent=2) + "\n", args.output)
    else:
        lines = [f"{len(rows)} stories in {len(corpus.articles)} articles", ""]
        lines.append(f"{'story':<12} {'articles':>8} {'copies':>6} {'origins':>7}  {'first':<16} {'last':<16} title")
        for row in rows:
            lines.append(f"{row['id']:<12} {row['articles']:>8} {row['copies']:>6} {row['origins']:>7}  "
                         f"{(row['first'] or '-')[:16]:<16} {(row['last'] or '-')[:16]:<16} {row['title']}")
        _write("\n".join(lines) + "\n", args.output)
    _report(corpus, args)
    return EXIT_REJECTED if corpus.rejected else EXIT_OK


def _clean(args: argparse.Namespace) -> int:
    config = _config(args)
    corpus = clean(load(args.paths, config), config)
    if not corpus.articles:
        _report(corpus, args)
        print("newsfuse: " + message(Code.E902, detail="no article could be read from the input"), file=sys.stderr)
        return EXIT_UNUSABLE
    if args.format == "json":
        import json

        from ..render import to_dict

        payload = to_dict(corpus)
        payload.pop("stories")
        _write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", args.output)
    else:
        _write(_clean_text(corpus), args.output)
    _report(corpus, args)
    return EXIT_REJECTED if corpus.rejected else EXIT_OK


def _clean_text(corpus: Corpus) -> str:
    out = []
    for article in corpus.articles:
        out.append(f"== {article.source_path}")
        for key in ("title", "outlet", "published", "updated", "url", "dateline"):
            out.append(f"{key}: {getattr(article, key) or ''}")
        out.append(f"authors: {', '.join(article.authors)}")
        out.append(f"contributors: {', '.join(article.contributors)}")
        out.append("")
        out.append(article.text)
        out.append("")
        out.append("-- removed:")
        out.extend(f"  line {r.line}: [{r.reason}] {r.text}" for r in article.removed)
        out.append("")
    return "\n".join(out)


def _write(text: str, output: str | None) -> None:
    if output:
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise NewsfuseError(Code.E901, detail=f"cannot write {output}: {exc.strerror}") from exc
    else:
        sys.stdout.write(text)


def _report(corpus: Corpus, args: argparse.Namespace) -> None:
    if args.quiet:
        return
    for rejection in corpus.rejected:
        print(f"newsfuse: rejected {rejection.source_path} [{rejection.stage}] {rejection.reason}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
