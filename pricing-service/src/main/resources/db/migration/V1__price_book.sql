-- The price book: effective-dated unit prices per model (USD per 1M units, exact NUMERIC; NULL = no price).
CREATE TABLE pricing.price_version (
    id                     BIGSERIAL PRIMARY KEY,
    provider               TEXT        NOT NULL,
    model                  TEXT        NOT NULL,
    mode                   TEXT        NOT NULL DEFAULT '',
    effective_from         TIMESTAMPTZ NOT NULL,
    input_per_million          NUMERIC CHECK (input_per_million >= 0),
    cached_input_per_million   NUMERIC CHECK (cached_input_per_million >= 0),
    cache_write_5m_per_million NUMERIC CHECK (cache_write_5m_per_million >= 0),
    cache_write_1h_per_million NUMERIC CHECK (cache_write_1h_per_million >= 0),
    output_per_million         NUMERIC CHECK (output_per_million >= 0),
    reasoning_per_million      NUMERIC CHECK (reasoning_per_million >= 0),
    input_audio_per_million    NUMERIC CHECK (input_audio_per_million >= 0),
    output_audio_per_million   NUMERIC CHECK (output_audio_per_million >= 0),
    input_image_per_million    NUMERIC CHECK (input_image_per_million >= 0),
    output_image_per_million   NUMERIC CHECK (output_image_per_million >= 0),
    embedding_per_million      NUMERIC CHECK (embedding_per_million >= 0),
    training_per_million       NUMERIC CHECK (training_per_million >= 0),
    request_per_million        NUMERIC CHECK (request_per_million >= 0),
    web_search_per_million     NUMERIC CHECK (web_search_per_million >= 0),
    source                 TEXT        NOT NULL DEFAULT '',
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT price_version_model_effective UNIQUE (provider, model, effective_from)
);

-- Other names of a model (dated snapshots, "-latest" names), resolved before pricing.
CREATE TABLE pricing.model_alias (
    provider   TEXT        NOT NULL,
    alias      TEXT        NOT NULL,
    model      TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, alias)
);
