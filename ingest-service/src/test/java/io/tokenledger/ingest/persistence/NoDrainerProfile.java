package io.tokenledger.ingest.persistence;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Stops the background drainer, so a test can claim inbox rows itself without racing it. */
public class NoDrainerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tokenledger.ingest.drainer.enabled", "false");
    }
}
