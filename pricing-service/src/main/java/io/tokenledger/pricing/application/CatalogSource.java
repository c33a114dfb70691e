package io.tokenledger.pricing.application;

import io.tokenledger.pricing.domain.ModelAlias;
import io.tokenledger.pricing.domain.Prices;
import java.util.List;

/** The curated catalog shipped with the service, used to seed the price book. */
public interface CatalogSource {

    List<Prices> versions();

    List<ModelAlias> aliases();
}
