"""Plain-language phrases for the features behind a classifier reading.

Each known feature has two phrases, one for a value above what is typical in the
training articles and one for a value below. A feature with no phrase here (a score a
signal added later) is described from the signal's own meaning string, so a new score
is never shown without words.

>>> phrase("attribution.named_sources", 1, typical=4, high=False, meaning="")
'few named sources (1; typical 4)'
>>> phrase("new.score", 3.5, typical=1, high=True, meaning="Widgets per 100 words, a sign of haste.")
'more widgets per 100 words than usual (3.5; typical 1)'
"""

from __future__ import annotations

# feature -> (phrase when higher than typical, phrase when lower)
PHRASES: dict[str, tuple[str, str]] = {
    "readability.words": ("a long article", "a short article"),
    "readability.sentences": ("many sentences", "few sentences"),
    "readability.flesch_reading_ease": ("easy-to-read wording", "hard-to-read wording"),
    "readability.flesch_kincaid_grade": ("pitched at a high school grade", "pitched at a low school grade"),
    "readability.gunning_fog": ("dense, complex wording", "plain, simple wording"),
    "readability.mean_sentence_words": ("long sentences on average", "short sentences on average"),
    "readability.sentence_words_sd": ("sentence length varies a lot", "sentences all of one length"),
    "readability.long_sentence_share": ("many very long sentences", "few very long sentences"),
    "readability.exclamations_per_100_sentences": ("many exclamation marks", "few or no exclamation marks"),
    "readability.questions_per_100_sentences": ("many questions", "few questions"),
    "readability.shouting_per_100_words": ("ordinary words written in capitals (shouting)", "no shouting in capitals"),
    "readability.first_person_per_100_words": ("the writer often says I or we", "the writer rarely says I or we"),
    "readability.second_person_per_100_words": ("the writer often talks to the reader as 'you'",
                                                 "the writer rarely talks to the reader as 'you'"),
    "readability.quoted_word_share": ("much of the text is quotation", "little of the text is quotation"),
    "attribution.attributed_share": ("most claims say where they come from", "many claims do not say where they come from"),
    "attribution.named_source_share": ("sources are mostly named", "few sources are named"),
    "attribution.anonymous_source_share": ("leans on unnamed sources", "few unnamed sources"),
    "attribution.document_source_share": ("cites statements and documents", "few statements or documents cited"),
    "attribution.distinct_sources": ("many different sources", "few different sources"),
    "attribution.named_sources": ("many named sources", "few named sources"),
    "attribution.direct_quotes": ("many direct quotations", "few direct quotations"),
    "attribution.unattributed_quotes": ("quotations with no speaker", "quotations carry their speaker"),
    "attribution.unattributed_claims": ("many claims with no source", "few claims without a source"),
    "attribution.unattributed_claim_share": ("a high share of unsourced claims", "a low share of unsourced claims"),
    "hedging.hedges_per_100_words": ("many hedges in the writer's voice", "few hedges in the writer's voice"),
    "hedging.hedges_per_sentence": ("many hedges in the writer's voice", "few hedges in the writer's voice"),
    "hedging.weasels_per_100_words": ("many weasel words", "few weasel words"),
    "hedging.weasels_per_sentence": ("many weasel words", "few weasel words"),
    "hedging.boosters_per_100_words": ("many boosters ('clearly', 'undeniably')", "few boosters"),
    "hedging.boosters_per_sentence": ("many boosters ('clearly', 'undeniably')", "few boosters"),
    "hedging.loaded_words_per_100_words": ("many loaded words", "few loaded words"),
    "hedging.loaded_words_per_sentence": ("many loaded words", "few loaded words"),
    "hedging.hedge_caution_share": ("hedges mostly careful caution ('alleged')", "little careful caution"),
    "hedging.hedge_vague_share": ("vague hearsay hedges ('reportedly')", "few vague hearsay hedges"),
    "hedging.hedge_speculation_share": ("the writer often speculates ('could', 'likely')", "little speculation"),
    "hedging.source_hedges": ("sources quoted hedging", "sources rarely quoted hedging"),
    "hedging.source_boosters_and_loaded": ("sources quoted using loaded words", "sources rarely quoted using loaded words"),
    "hedging.uncertain_sentence_share": ("many uncertain sentences", "few uncertain sentences"),
    "transcription.garbles_per_1000_words": ("several garbled words or idioms", "clean copy, no garbles"),
    "style.superlatives_per_100_words": ("many superlatives ('worst', 'greatest')", "few superlatives"),
    "style.intensifiers_per_100_words": ("many intensifiers ('very', 'totally')", "few intensifiers"),
    "style.clickbait_per_100_words": ("reader-baiting phrases ('you won't believe')", "no reader-baiting phrases"),
    "style.negations_per_100_words": ("many negations ('not', 'never')", "few negations"),
    "style.figures_per_100_words": ("many figures and dates", "few figures and dates"),
    "style.capitalised_word_share": ("many names of people, places and bodies", "few names of people, places and bodies"),
    "style.lexical_diversity": ("varied vocabulary", "repetitive vocabulary"),
    "style.mean_word_length": ("long words", "short, simple words"),
}  # fmt: skip


# scores that measure one idea between them (reading-ease formulas and their parts; a
# text's length in words and in sentences): their effects are summed into one push, so
# correlated scores cannot show as opposite reasons ("low school grade" for, "easy to
# read" against). Each entry: feature -> (idea, True when a high value means the first words)
IDEAS: dict[str, tuple[str, bool]] = {
    "readability.flesch_reading_ease": ("difficulty", False),
    "readability.flesch_kincaid_grade": ("difficulty", True),
    "readability.gunning_fog": ("difficulty", True),
    "readability.mean_sentence_words": ("difficulty", True),
    "style.mean_word_length": ("difficulty", True),
    "readability.words": ("length", True),
    "readability.sentences": ("length", True),
}
IDEA_WORDS = {"difficulty": ("harder reading (longer sentences and words)", "easier reading (shorter sentences and words)"),
              "length": ("a long article", "a short article")}  # fmt: skip


def phrase(feature: str, value: float, *, typical: float, high: bool, meaning: str) -> str:
    """Words for ``feature`` at ``value``, higher (``high``) or lower than ``typical``, with both numbers."""
    return f"{words(feature, high=high, meaning=meaning)} ({value:g}; typical {typical:g})"


def words(feature: str, *, high: bool, meaning: str) -> str:
    """The words alone: two scores that measure one thing (per sentence, per 100 words) share them.

    >>> words("hedging.boosters_per_sentence", high=False, meaning="") == words(
    ...     "hedging.boosters_per_100_words", high=False, meaning="")
    True
    """
    if feature in PHRASES:
        return PHRASES[feature][0 if high else 1]
    return f"{'more' if high else 'fewer'} {_head(meaning, feature)} than usual"


def idea_words(feature: str, *, high: bool, meaning: str) -> str:
    """Words for the idea a feature belongs to: the same for every score of one idea.

    >>> idea_words("readability.flesch_reading_ease", high=True, meaning="") == idea_words(
    ...     "readability.flesch_kincaid_grade", high=False, meaning="")
    True
    """
    if feature not in IDEAS:
        return words(feature, high=high, meaning=meaning)
    idea, high_means_first = IDEAS[feature]
    return IDEA_WORDS[idea][0 if high == high_means_first else 1]


def _head(meaning: str, feature: str) -> str:
    """The first clause of a score's meaning, lower-cased: 'Widgets per 100 words'."""
    head = meaning.split(":")[0].split(",")[0].split(";")[0].split(" (")[0].rstrip(". ").strip()
    return (head[:1].lower() + head[1:]) if head else feature.split(".")[-1].replace("_", " ")
