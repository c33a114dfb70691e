#!/usr/bin/env python3
"""Recomputes the demo's headline cost from the three trace files alone, independently of the services.

Each request is priced on its own, round_half_even(sum of tokens x list price per 1M / 1M) to nano-USD, with the
demo scenario's rules (README, "What the demo shows"): code-assist on mistral/codestral-latest ($1 in, $3 out),
support-chat on openai/gpt-5-mini ($0.25 in, $2 out), research-assistant on anthropic/claude-sonnet-4-5 ($3 in,
$0.30 cached, $15 out), where a Mooncake request's cached tokens are its leading 512-token hash blocks already seen
earlier in the trace, capped at the prompt. No request passes Sonnet's 200k long-context threshold (checked below).
Prices are the catalog's (pricing-service/src/main/resources/catalog/prices.csv).

Usage: python3 tools/demo_total.py   (from the repository root)
"""
import csv
import json
from decimal import ROUND_HALF_EVEN, Decimal

MILLION = Decimal(10**6)
LONG_CONTEXT = 200_000


def nanos(usd):
    return int((usd * Decimal(10**9)).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def azure(path, input_price, output_price):
    total = 0
    with open(path) as rows:
        for row in csv.DictReader(rows):
            total += nanos((int(row["ContextTokens"]) * input_price + int(row["GeneratedTokens"]) * output_price) / MILLION)
    return total


def mooncake(path):
    seen, total, without_cache, longest = set(), 0, 0, 0
    with open(path) as lines:
        for line in lines:
            request = json.loads(line)
            prompt, output = request["input_length"], request["output_length"]
            repeated = 0
            for block in request["hash_ids"]:
                if block not in seen:
                    break
                repeated += 1
            seen.update(request["hash_ids"])
            cached = min(prompt, 512 * repeated)
            longest = max(longest, prompt)
            total += nanos(((prompt - cached) * 3 + cached * Decimal("0.3") + output * 15) / MILLION)
            without_cache += nanos((prompt * 3 + output * 15) / MILLION)
    assert longest <= LONG_CONTEXT, "a request passes the long-context threshold: its rates would differ"
    return total, without_cache


code = azure("data/traces/AzureLLMInferenceTrace_code.csv", Decimal(1), Decimal(3))
chat = azure("data/traces/AzureLLMInferenceTrace_conv.csv", Decimal("0.25"), Decimal(2))
research, research_uncached = mooncake("data/traces/mooncake_conversation_trace.jsonl")
total = code + chat + research
print(f"code-assist         {code:>16,} nano-USD")
print(f"support-chat        {chat:>16,} nano-USD")
print(f"research-assistant  {research:>16,} nano-USD (without prompt caching {research_uncached:,}:"
      f" caching saved {research_uncached - research:,})")
print(f"total               {total:>16,} nano-USD = ${total / 10**9:.9f}")
