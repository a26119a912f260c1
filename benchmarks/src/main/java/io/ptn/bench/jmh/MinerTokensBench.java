package io.ptn.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.ptn.bench.support.ConfigProxy;
import io.ptn.validator.config.ValidatorConfig;
import io.ptn.validator.service.MinerTokens;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Bearer-token authentication of one order: the Quarkus Security identity provider looks the miner up by the token's
 * SHA-256 digest, so the cost should not grow with the number of miners: 256 is a subnet's size; about 4000 miners
 * are needed to reach 2,000 valid orders/s on the 6 tradable crypto pairs with the 10 s cooldown.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MinerTokensBench {

    @Param({"256", "4000"})
    public int miners;

    private MinerTokens tokens;
    private TokenAuthenticationRequest request;

    @Setup
    public void setUp() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < miners; i++) {
            String token = "token-" + i;
            entries.add("miner" + i + "=" + HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8))));
        }
        tokens = new MinerTokens(ConfigProxy.of(ValidatorConfig.class,
                Map.of("miners.tokens", Optional.of(entries), "miners.tokensFile", Optional.empty())));
        request = new TokenAuthenticationRequest(new TokenCredential("token-" + (miners / 2), "bearer"));
        if (!("miner" + (miners / 2)).equals(authenticate())) {
            throw new IllegalStateException("authentication set-up is wrong");
        }
    }

    @Benchmark
    public String authenticate() {
        return tokens.authenticate(request, null).await().indefinitely().getPrincipal().getName();
    }
}
