package io.tokenledger.cli;

import io.tokenledger.cli.command.Commands;

/** Entry point of the {@code tokenledger} command. */
public final class TokenLedgerCli {

    private TokenLedgerCli() {
    }

    public static void main(String[] args) {
        System.exit(Commands.run(args));
    }
}
