package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.ModelRef;
import io.tokenledger.attribution.domain.StoredUsage;

/** A feature's traffic on one model (and prompt prefix, for the caching insight): the unit insights report on. */
record TrafficKey(String feature, ModelRef model, String prefixHash) {

    static TrafficKey of(StoredUsage row) {
        return new TrafficKey(row.feature(), row.model(), "");
    }

    static TrafficKey withPrefix(StoredUsage row) {
        return new TrafficKey(row.feature(), row.model(), row.promptPrefixHash());
    }
}
