package io.tokenledger.ingest.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The clock validation reads "now" from; a bean so that tests could replace it. */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @jakarta.inject.Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
