package io.tokenledger.cli.command;

import java.util.List;
import java.util.Set;

/** Dispatches {@code tokenledger <command>}; returns the process exit code. */
public final class Commands {

    static final Set<String> INFRA_OPTIONS = Set.of("pg-url", "redis-url", "scenario", "rows", "out", "batch",
            "threads", "warmup", "runs");

    private Commands() {
    }

    public static int run(String[] argv) {
        Args args;
        try {
            boolean export = argv.length > 0 && argv[0].equals("export");
            args = Args.parse(List.of(argv), export ? ExportCommand.OPTIONS : INFRA_OPTIONS, Set.of());
        } catch (IllegalArgumentException e) {
            System.err.println("tokenledger: " + e.getMessage());
            System.err.println(HELP);
            return 2;
        }
        if (args.flag("help")) {
            System.out.println(HELP);
            return 0;
        }
        try {
            switch (args.command()) {
                case "help":
                    System.out.println(HELP);
                    return 0;
                case "demo":
                    return new DemoCommand(args).run();
                case "export":
                    return new ExportCommand(args).run();
                case "bench":
                    return new BenchCommand(args).run();
                default:
                    System.err.println("tokenledger: unknown command '" + args.command() + "'");
                    System.err.println(HELP);
                    return 2;
            }
        } catch (IllegalArgumentException e) {
            System.err.println("tokenledger: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("tokenledger " + args.command() + " failed: " + e.getMessage());
            if (System.getenv("TOKENLEDGER_DEBUG") != null) {
                e.printStackTrace();
            }
            return 1;
        }
    }

    static final String HELP = String.join("\n",
            "Usage: tokenledger <command> [options]",
            "",
            "Commands:",
            "  demo    Start PostgreSQL, Redis and the four services, replay three real LLM traces, print the cost",
            "          report (also out/report.json and out/report.csv), then shut everything down.",
            "  bench   Replay the full traces with concurrent clients; compare events/s with PostgreSQL COPY.",
            "  export  Stream a tenant's cost from a running attribution-service as CSV or FinOps FOCUS 1.2/1.3",
            "          (columns: attribution-service/EXPORTS.md) to a file or stdout.",
            "  help    Show this help.",
            "",
            "Options (demo, bench):",
            "  --scenario F    a scenario YAML file, or a bundled scenario name (default: demo)",
            "  --rows N        at most N rows per trace (default: all)",
            "  --out DIR       where demo writes report.json, report.csv and service logs (default: ./out)",
            "  --batch N       events per RecordUsage call (default: demo 500, bench 1000)",
            "  --threads N     concurrent client threads (default: demo 1, bench 4)",
            "  --warmup N      bench only: events sent first, unmeasured, to warm up the JVMs (default: 160000)",
            "  --runs N        bench only: measured replays of the traces, each its own tenant; the median is reported (default: 3)",
            "  --pg-url U      use this PostgreSQL (JDBC URL) instead of an embedded one (or TOKENLEDGER_PG_URL)",
            "  --redis-url U   use this Redis (redis://host:port[/db]) instead of an embedded one",
            "                  (or TOKENLEDGER_REDIS_URL)",
            "",
            "Options (export):",
            "  --tenant T        the tenant (required)",
            "  --start S --end E the range [S, E): ISO-8601 instants or dates (UTC), whole hours (day: whole days)",
            "  --format F        csv (default) or focus",
            "  --granularity G   hour (default) or day: the charge period of a row",
            "  --filter K=V,...  only rows whose team/feature/customer/user/environment/provider/model/",
            "                    pricing_status equal these values",
            "  --out FILE        write FILE (via FILE.part, renamed when complete); default - (stdout)",
            "  --target H:P      the attribution-service gRPC address (default " + ExportCommand.DEFAULT_TARGET + ")");
}
