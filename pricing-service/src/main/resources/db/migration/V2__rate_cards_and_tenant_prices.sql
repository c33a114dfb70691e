-- Other rates of a price version: service tiers (BATCH, PRIORITY, FLEX) and long-context rates that apply when a
-- request's prompt exceeds above_prompt_tokens. A card lists only the classes it prices (NULL = no price).
CREATE TABLE pricing.price_rate_card (
    provider            TEXT        NOT NULL,
    model               TEXT        NOT NULL,
    effective_from      TIMESTAMPTZ NOT NULL,
    service_tier        TEXT        NOT NULL CHECK (service_tier IN ('STANDARD', 'BATCH', 'PRIORITY', 'FLEX')),
    above_prompt_tokens BIGINT      NOT NULL CHECK (above_prompt_tokens >= 0),
    input_per_million NUMERIC CHECK (input_per_million >= 0),
    cached_input_per_million NUMERIC CHECK (cached_input_per_million >= 0),
    cache_write_5m_per_million NUMERIC CHECK (cache_write_5m_per_million >= 0),
    cache_write_1h_per_million NUMERIC CHECK (cache_write_1h_per_million >= 0),
    output_per_million NUMERIC CHECK (output_per_million >= 0),
    reasoning_per_million NUMERIC CHECK (reasoning_per_million >= 0),
    input_audio_per_million NUMERIC CHECK (input_audio_per_million >= 0),
    output_audio_per_million NUMERIC CHECK (output_audio_per_million >= 0),
    input_image_per_million NUMERIC CHECK (input_image_per_million >= 0),
    output_image_per_million NUMERIC CHECK (output_image_per_million >= 0),
    embedding_per_million NUMERIC CHECK (embedding_per_million >= 0),
    training_per_million NUMERIC CHECK (training_per_million >= 0),
    request_per_million NUMERIC CHECK (request_per_million >= 0),
    web_search_per_million NUMERIC CHECK (web_search_per_million >= 0),
    PRIMARY KEY (provider, model, effective_from, service_tier, above_prompt_tokens),
    FOREIGN KEY (provider, model, effective_from)
        REFERENCES pricing.price_version (provider, model, effective_from) ON DELETE CASCADE
);

-- A tenant's own prices (custom per-class prices, or a discount in percent off the public price), effective-dated.
CREATE TABLE pricing.tenant_price (
    tenant_id        TEXT        NOT NULL,
    provider         TEXT        NOT NULL,
    model            TEXT        NOT NULL,
    effective_from   TIMESTAMPTZ NOT NULL,
    discount_percent NUMERIC CHECK (discount_percent >= 0 AND discount_percent <= 100),
    input_per_million NUMERIC CHECK (input_per_million >= 0),
    cached_input_per_million NUMERIC CHECK (cached_input_per_million >= 0),
    cache_write_5m_per_million NUMERIC CHECK (cache_write_5m_per_million >= 0),
    cache_write_1h_per_million NUMERIC CHECK (cache_write_1h_per_million >= 0),
    output_per_million NUMERIC CHECK (output_per_million >= 0),
    reasoning_per_million NUMERIC CHECK (reasoning_per_million >= 0),
    input_audio_per_million NUMERIC CHECK (input_audio_per_million >= 0),
    output_audio_per_million NUMERIC CHECK (output_audio_per_million >= 0),
    input_image_per_million NUMERIC CHECK (input_image_per_million >= 0),
    output_image_per_million NUMERIC CHECK (output_image_per_million >= 0),
    embedding_per_million NUMERIC CHECK (embedding_per_million >= 0),
    training_per_million NUMERIC CHECK (training_per_million >= 0),
    request_per_million NUMERIC CHECK (request_per_million >= 0),
    web_search_per_million NUMERIC CHECK (web_search_per_million >= 0),
    source           TEXT        NOT NULL DEFAULT '',
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, provider, model, effective_from)
);
