package io.tokenledger.pricing.application;

import io.tokenledger.pricing.domain.ModelAlias;
import io.tokenledger.pricing.domain.Prices;
import java.util.List;

/** Where the price book is kept. */
public interface PriceStore {

    /** Adds versions (with their rate cards) and aliases that are not there yet; existing ones are left untouched. */
    void seed(List<Prices> versions, List<ModelAlias> aliases);

    /** Adds a version, or replaces the one of the same model and effective_from (with its rate cards). */
    void upsert(Prices version);

    List<Prices> loadVersions();

    List<ModelAlias> loadAliases();
}
