#!/usr/bin/env python3
"""Regenerates src/main/resources/catalog/prices.csv and rate_cards.csv from the LiteLLM catalog.

LiteLLM prices are USD per token; the catalog holds USD per 1M units, computed with Decimal
(never float) so that 2.5e-07 becomes exactly 0.25. Fields are read as the importer reads them
(io.tokenledger.pricing.catalog.LiteLlmFields), so a curated model has the same prices and rate cards
(service tiers, long-context rates) as its LiteLLM entry, except the overrides noted in MODELS.
Run from the module directory:
  python3 tools/gen_catalog.py /work/shared/data/prices/litellm_model_prices_and_context_window.json
"""
import csv
import json
import re
import sys
from decimal import Decimal

SOURCE = "LiteLLM catalog 2026-07-24"
EFFECTIVE_FROM = "2025-01-01T00:00:00Z"
MILLION = Decimal(1_000_000)
COLUMNS = ["provider", "model", "mode", "effective_from", "input", "cached_input", "cache_write_5m",
           "cache_write_1h", "output", "reasoning", "input_audio", "output_audio", "input_image",
           "output_image", "embedding", "training", "request", "web_search", "source"]
CLASSES = COLUMNS[4:-1]
CARD_COLUMNS = ["provider", "model", "effective_from", "service_tier", "above_prompt_tokens"] + CLASSES
# LiteLLM base field -> catalog column, longest names first (as LiteLlmFields.BASES), so that
# ..._above_1hr is not read as the 5-minute write.
BASES = [
    ("cache_creation_input_token_cost_above_1hr", "cache_write_1h"),
    ("cache_creation_input_token_cost", "cache_write_5m"),
    ("cache_read_input_token_cost", "cached_input"),
    ("input_cost_per_token_cache_hit", "cached_input"),
    ("output_cost_per_reasoning_token", "reasoning"),
    ("input_cost_per_audio_token", "input_audio"),
    ("output_cost_per_audio_token", "output_audio"),
    ("input_cost_per_image_token", "input_image"),
    ("output_cost_per_image_token", "output_image"),
    ("input_cost_per_request", "request"),
    ("input_cost_per_query", "request"),
    ("search_context_cost_per_query", "web_search"),
    ("input_cost_per_token", "input"),
    ("output_cost_per_token", "output"),
]
# Optional long-context threshold (N x 1,000 prompt tokens), then an optional service tier.
SUFFIX = re.compile(r"^(?:_above_(\d+)k_tokens)?(_batches|_priority|_flex)?$")
TIERS = {None: "STANDARD", "_batches": "BATCH", "_priority": "PRIORITY", "_flex": "FLEX"}
BASE_CARD = ("STANDARD", 0)

# (provider, model, LiteLLM key, extra columns, source note)
MODELS = [
    ("openai", "gpt-5", "gpt-5", {}, ""),
    ("openai", "gpt-5-mini", "gpt-5-mini", {}, ""),
    ("openai", "gpt-5-nano", "gpt-5-nano", {}, ""),
    ("openai", "gpt-4.1", "gpt-4.1", {}, ""),
    ("openai", "gpt-4.1-mini", "gpt-4.1-mini", {}, ""),
    ("openai", "gpt-4.1-nano", "gpt-4.1-nano", {}, ""),
    ("openai", "gpt-4o", "gpt-4o", {}, ""),
    ("openai", "gpt-4o-mini", "gpt-4o-mini", {}, ""),
    ("openai", "gpt-4o-audio-preview", "gpt-4o-audio-preview", {}, ""),
    ("openai", "gpt-image-1", "gpt-image-1", {}, ""),
    ("openai", "o3", "o3", {}, ""),
    ("openai", "o3-mini", "o3-mini", {}, ""),
    ("openai", "o4-mini", "o4-mini", {}, ""),
    ("openai", "text-embedding-3-small", "text-embedding-3-small", {}, ""),
    ("openai", "text-embedding-3-large", "text-embedding-3-large", {}, ""),
    ("openai", "text-embedding-ada-002", "text-embedding-ada-002", {}, ""),
    # LiteLLM has no training price field; OpenAI's published fine-tuning price is $3.00/1M training tokens.
    ("openai", "gpt-4o-mini-2024-07-18", "gpt-4o-mini-2024-07-18", {"mode": "fine_tuning", "training": "3"},
     "; training from OpenAI pricing page (gpt-4o-mini-2024-07-18 fine-tuning $3.00/1M)"),
    ("openai", "ft:gpt-4o-mini-2024-07-18", "ft:gpt-4o-mini-2024-07-18", {}, ""),
    ("openai", "gpt-3.5-turbo", "gpt-3.5-turbo", {}, ""),
    ("openai", "gpt-4", "gpt-4", {}, ""),
    ("anthropic", "claude-opus-4-5", "claude-opus-4-5", {}, ""),
    ("anthropic", "claude-sonnet-4-5", "claude-sonnet-4-5", {}, ""),
    ("anthropic", "claude-haiku-4-5", "claude-haiku-4-5", {}, ""),
    ("anthropic", "claude-opus-4-1", "claude-opus-4-1", {}, ""),
    # LiteLLM's 1h cache-write price for claude-3-opus (6e-06) is below its 5m price: left out rather than trusted.
    ("anthropic", "claude-3-opus", "claude-3-opus-20240229", {"cache_write_1h": ""},
     " (1h cache write omitted: upstream value is below the 5m price)"),
    ("google", "gemini-2.5-pro", "gemini/gemini-2.5-pro", {}, ""),
    ("google", "gemini-2.5-flash", "gemini/gemini-2.5-flash", {}, ""),
    ("google", "gemini-2.5-flash-lite", "gemini/gemini-2.5-flash-lite", {}, ""),
    ("google", "gemini-2.0-flash", "gemini/gemini-2.0-flash", {}, ""),
    ("mistral", "codestral-latest", "mistral/codestral-latest", {}, ""),
    ("mistral", "devstral-small-2507", "mistral/devstral-small-2507", {}, ""),
    ("mistral", "mistral-large-latest", "mistral/mistral-large-latest", {}, ""),
    ("mistral", "mistral-medium-latest", "mistral/mistral-medium-latest", {}, ""),
    ("mistral", "mistral-small-latest", "mistral/mistral-small-latest", {}, ""),
    ("mistral", "magistral-medium-latest", "mistral/magistral-medium-latest", {}, ""),
    ("mistral", "mistral-embed", "mistral/mistral-embed", {}, ""),
    ("deepseek", "deepseek-chat", "deepseek/deepseek-chat", {}, ""),
    ("deepseek", "deepseek-reasoner", "deepseek/deepseek-reasoner", {}, ""),
    ("xai", "grok-4", "xai/grok-4", {}, ""),
    ("xai", "grok-3-mini", "xai/grok-3-mini", {}, ""),
    ("xai", "grok-code-fast-1", "xai/grok-code-fast-1", {}, ""),
]

# Models of the original cost table that LiteLLM no longer lists.
MANUAL = [
    {"provider": "google", "model": "gemini-pro", "mode": "chat", "input": "0.5", "output": "1.5",
     "source": "original TokenLedger cost table (retired model not in LiteLLM 2026-07-24)"},
    # The experimental model of the Gemini streaming fixture; LiteLLM 2026-07-24 no longer lists it.
    {"provider": "google", "model": "gemini-2.0-flash-exp", "mode": "chat", "input": "0.15", "cached_input": "0.0375",
     "output": "0.6",
     "source": "tokencost catalog 2025 key gemini-2.0-flash-exp (vertex_ai-language-models; not in LiteLLM 2026-07-24)"},
]


def per_million(value):
    text = format((Decimal(value) * MILLION).normalize(), "f")
    return text


def cards_of(entry):
    """(tier, threshold) -> {column: USD per 1M} for every price field of a LiteLLM entry."""
    cards = {}
    for field, value in entry.items():
        for base, column in BASES:
            if not field.startswith(base):
                continue
            suffix = SUFFIX.match(field[len(base):])
            if not suffix:
                continue
            if column == "web_search" and isinstance(value, dict):
                value = value.get("search_context_size_medium")  # priced per context size: the default, medium
            if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
                break  # not a number (JSON integers parse as int): no price, as the importer's isNumber()
            above = int(suffix.group(1)) * 1000 if suffix.group(1) else 0
            rates = cards.setdefault((TIERS[suffix.group(2)], above), {})
            # DeepSeek's cache_hit name for a cache read; the standard name wins when both exist.
            if not (field.startswith("input_cost_per_token_cache_hit") and "cached_input" in rates):
                rates[column] = per_million(value)
            if entry.get("mode") == "embedding" and column == "input":
                rates["embedding"] = rates["input"]
            break
    return cards


def rows_for(catalog, provider, model, key, extra, note):
    """The version row of a curated model and the rows of its other rate cards."""
    entry = catalog[key]
    cards = cards_of(entry)
    row = {c: "" for c in COLUMNS}
    row.update(provider=provider, model=model, mode=entry.get("mode", "chat"), effective_from=EFFECTIVE_FROM,
               source=SOURCE + " key " + key + note)
    row.update(cards.pop(BASE_CARD, {}))
    row.update(extra)
    card_rows = []
    for (tier, above), rates in sorted(cards.items()):
        card = {c: "" for c in CARD_COLUMNS}
        card.update(provider=provider, model=model, effective_from=EFFECTIVE_FROM, service_tier=tier,
                    above_prompt_tokens=str(above), **rates)
        card_rows.append(card)
    return row, card_rows


def write(path, columns, rows):
    with open(path, "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(path):
    catalog = json.load(open(path), parse_float=Decimal)
    rows, card_rows = [], []
    for m in MODELS:
        row, cards = rows_for(catalog, *m)
        rows.append(row)
        card_rows.extend(cards)
    for manual in MANUAL:
        row = {c: "" for c in COLUMNS}
        row.update(effective_from=EFFECTIVE_FROM, **manual)
        rows.append(row)
    rows.sort(key=lambda r: (r["provider"], r["model"]))
    card_rows.sort(key=lambda r: (r["provider"], r["model"], r["service_tier"], int(r["above_prompt_tokens"])))
    write("src/main/resources/catalog/prices.csv", COLUMNS, rows)
    write("src/main/resources/catalog/rate_cards.csv", CARD_COLUMNS, card_rows)


if __name__ == "__main__":
    main(sys.argv[1])
