package io.tokenledger.pricing.application;

import io.tokenledger.pricing.domain.Prices;
import java.util.List;

/** One page of the model list with each model's current price; {@code nextPageToken} is empty on the last page. */
public record ModelPage(List<Prices> models, String nextPageToken) {

    public ModelPage {
        models = List.copyOf(models);
    }
}
