package io.tokenledger.pricing.application;

import io.tokenledger.pricing.domain.ModelAlias;
import io.tokenledger.pricing.domain.Prices;
import java.util.List;

/** Where the price book is kept. */
public interface PriceStore {

    /** Adds versions and aliases that are not there yet; existing ones are left untouched. */
    void seed(List<Prices> versions, List<ModelAlias> aliases);

    List<Prices> loadVersions();

    List<ModelAlias> loadAliases();
}
