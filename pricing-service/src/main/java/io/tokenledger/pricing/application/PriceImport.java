package io.tokenledger.pricing.application;

import io.tokenledger.platform.error.TokenLedgerException;
import io.tokenledger.pricing.catalog.LiteLlmFormat;
import io.tokenledger.pricing.domain.PriceCatalog;
import io.tokenledger.pricing.domain.Prices;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Imports a public price catalog (LiteLLM's format) as new price versions: only versions the book does not
 * have yet are added (same model and effective_from = already there, left untouched), then the snapshot is rebuilt.
 */
@ApplicationScoped
public class PriceImport {

    /** The catalog shipped with the service; see catalog/litellm/SOURCES.md. */
    public static final String BUNDLED = "catalog/litellm/litellm_model_prices_and_context_window.json";
    private static final Logger LOG = Logger.getLogger(PriceImport.class);

    private final PriceStore store;
    private final PriceBook priceBook;
    private final PriceBookReload reload;

    public PriceImport(PriceStore store, PriceBook priceBook, PriceBookReload reload) {
        this.store = store;
        this.priceBook = priceBook;
        this.reload = reload;
    }

    public ImportResult importBundledLiteLlm(Instant effectiveFrom) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(BUNDLED);
        if (in == null) {
            throw new IllegalStateException("bundled catalog missing: " + BUNDLED);
        }
        try (in) {
            return importLiteLlm(in, effectiveFrom, "LiteLLM catalog 2026-07-24 (bundled)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports a catalog file from the server's file system. */
    public ImportResult importLiteLlm(Path path, Instant effectiveFrom) {
        if (!Files.isRegularFile(path)) {
            throw new TokenLedgerException.Invalid("server_path", "no such file on the pricing server: " + path);
        }
        try (InputStream in = Files.newInputStream(path)) {
            return importLiteLlm(in, effectiveFrom, "LiteLLM catalog " + path.getFileName());
        } catch (TokenLedgerException.Invalid notACatalog) {
            // No parser detail: it would echo the content of whatever server file was named.
            throw new TokenLedgerException.Invalid("server_path", "is not a LiteLLM catalog (a JSON object of models)");
        } catch (IOException e) {
            throw new TokenLedgerException.Invalid("server_path", "cannot read " + path + ": " + e.getMessage());
        }
    }

    public synchronized ImportResult importLiteLlm(InputStream json, Instant effectiveFrom, String sourceLabel) {
        long start = System.nanoTime();
        LiteLlmFormat.Parsed parsed;
        try {
            parsed = LiteLlmFormat.parse(json, effectiveFrom, sourceLabel);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new TokenLedgerException.Invalid("content", e.getMessage());
        }
        PriceCatalog current = priceBook.current();
        List<Prices> added = parsed.versions().stream().filter(v -> !exists(current, v)).toList();
        if (!added.isEmpty()) {
            store.seed(added, List.of());
            reload.reload();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.infof("LiteLLM import: %d entries read, %d versions added, %d skipped (no token price, or duplicates), %d ms",
                parsed.entriesRead(), added.size(), parsed.entriesSkipped(), millis);
        return new ImportResult(parsed.entriesRead(), added.size(), parsed.entriesSkipped(), millis);
    }

    private static boolean exists(PriceCatalog catalog, Prices version) {
        List<Prices> history = catalog.versions().get(version.key());
        return history != null && history.stream().anyMatch(p -> p.effectiveFrom().equals(version.effectiveFrom()));
    }
}
