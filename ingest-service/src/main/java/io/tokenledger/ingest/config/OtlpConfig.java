package io.tokenledger.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The OTLP/HTTP trace endpoint (prefix {@code tokenledger.ingest.otlp}); see README.md. */
@ConfigMapping(prefix = "tokenledger.ingest.otlp")
public interface OtlpConfig {

    /** Largest accepted body in bytes, both as received and after gzip decompression (413 beyond it). */
    @WithDefault("8388608")
    int maxBodySize();

    /** Rejected spans named in a partial-success message; the rest are counted only. */
    @WithDefault("20")
    int maxRejectionsListed();
}
