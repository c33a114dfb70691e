package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.ExportFormat;
import io.tokenledger.attribution.domain.ExportLayout;
import io.tokenledger.attribution.domain.ExportQuery;
import io.tokenledger.attribution.domain.Granularity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Streams cost exports: validates the request, then writes header and rows as chunks of whole lines. */
@ApplicationScoped
public class CostExporting {

    private final ExportSource source;
    private final int chunkBytes;

    public CostExporting(ExportSource source,
                         @ConfigProperty(name = "tokenledger.export.chunk-bytes", defaultValue = "65536") int chunkBytes) {
        this.source = source;
        this.chunkBytes = chunkBytes;
    }

    /** Validates an export request, naming every problem at once; nothing is sent before this passes. */
    public ExportQuery parse(String tenantId, Optional<Instant> start, Optional<Instant> end,
                             Optional<ExportFormat> format, Optional<Granularity> granularity,
                             Map<String, String> filters) {
        return ExportQuery.parse(tenantId, start, end, format, granularity, filters);
    }

    /** Sends the header, then every row, in chunks of about chunk-bytes; stops when the sink is gone. */
    public void export(ExportQuery query, ExportSink sink) {
        ExportLayout layout = ExportLayout.of(query);
        ExportChunker chunker = new ExportChunker(sink, chunkBytes);
        if (!chunker.add(layout.header(), false)) {
            return;
        }
        source.stream(query, row -> chunker.add(layout.line(row), true));
        chunker.flush();
    }
}
