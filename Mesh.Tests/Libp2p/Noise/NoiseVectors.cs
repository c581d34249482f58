using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Noise;

namespace Mesh.Tests.Libp2p.Noise;

/// <summary>The deterministic XX vector of wire notes §8.4.</summary>
internal static class NoiseVectors
{
    public const string InitiatorSeed = "7e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d";
    public const string InitiatorPeerId = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";
    public const string ResponderPeerId = "12D3KooWJ1TsijH7H5F74hfAD5XishQz3sxrmAtVY37GtNd9CqYf";
    public const string ResponderPublicKeyProtobuf = "0801122079b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664";
    public const string YamuxProtocol = "/yamux/1.0.0";

    public const string InitiatorStaticPublic = "a4e09292b651c278b9772c569f5fa9bb13d906b46ab68c9df9dc2b4409f8a209";
    public const string InitiatorEphemeralPublic = "ce8d3ad1ccb633ec7b70c17814a5c76ecd029685050d344745ba05870e587d59";
    public const string ResponderStaticPublic = "5dfedd3b6bd47f6fa28ee15d969d5bb0ea53774d488bdaf9df1c6e0124b3ef22";
    public const string ResponderEphemeralPublic = "ac01b2209e86354fb853237b5de0f4fab13c7fcbf433a61c019369617fecf10b";
    public const string H0 = "f3d15e6108ed9556171207baa58f97d29a13c6be40595166066e2e0958dc002d";
    public const string Message1 = "ce8d3ad1ccb633ec7b70c17814a5c76ecd029685050d344745ba05870e587d59";
    public const string WireMessage1 = "0020ce8d3ad1ccb633ec7b70c17814a5c76ecd029685050d344745ba05870e587d59";
    public const string ResponderPayload = "0a240801122079b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad04966412401e378934a119433dd2faff1cc3f3dc3d534f18d2fc88258ac6e982912266d2d66db9753a54bc8650c7471fd48452247913bed7757d16e337a5c0b6bd7adc6b0a220e120c2f79616d75782f312e302e30";
    public const string ResponderSignature = "1e378934a119433dd2faff1cc3f3dc3d534f18d2fc88258ac6e982912266d2d66db9753a54bc8650c7471fd48452247913bed7757d16e337a5c0b6bd7adc6b0a";
    public const string Message2 = "ac01b2209e86354fb853237b5de0f4fab13c7fcbf433a61c019369617fecf10bb719b14d19eaf5ca91c89748c5ce8668e6864f05ee2367682b3e0c2fd086f0b4f64162733f3fe548251c518fe8c03ccea02da3639e59e4a07aa37b6df14781e0a650eb1892f09d47b8f3027f7d3ec86cbbe0a7e09e757a021cdab2fe05f79931ea0362f1c79d534b91adffa045dc16d61e98e37b808ee4a42e92ccef47d87890fb4f7c82a35d139bcbab73c521c6e31b86978683eb805235956092ddb10cc9f7246b6354d8dc0a91eda6241c43abebdc6c208859cc4ec17e";
    public const string InitiatorPayload = "0a24080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e1240ba31f4f7ea12a8bada15fba84f9e68b785772d5b70851f88e4d290577db75d6b58104af9d95761c18aebd1efb88d9141db90e4204f5a25b6250db89ea308e805220e120c2f79616d75782f312e302e30";
    public const string InitiatorSignature = "ba31f4f7ea12a8bada15fba84f9e68b785772d5b70851f88e4d290577db75d6b58104af9d95761c18aebd1efb88d9141db90e4204f5a25b6250db89ea308e805";
    public const string Message3 = "539a5cf3ae8a0a9134b32bfa775a1522db3558a1351ed4101989b8b88aa6a6f0e5d0b6626c2415fbfa342829ea4296a04d46bc2ab3b7c359826168d18cb22f46e9af3ae57bda0f722b1375e93de0549bb9a4e569affc4d7cc559724b3a604272b38ae31b22df675a2565830159142d0e68b8c34dd05e07136edfdee69836e55fa62019025882f76d92468849ddd15b23bbae179fc2043e18e3aa65506c26ac752ece86e7dcd8dac175871c44fa414418e2532a049c37de96";
    public const string HandshakeHash = "cbd1d5a5b04afd96ba23b420da9e103ac0b4a3314c3139a0f5d85a679f6de88d";
    public const string K1 = "013155fc61857be164b5250358a116758f5d20cf2d867365b23a4e428020d685";
    public const string K2 = "59b596b4192418d0f86a61c07a944f38a15c30dda5b4659b5500eacd809cd853";
    public const string HelloN0 = "f5c8fdccae8939c5a6d0d9be2753d6cf345c85961d";
    public const string HelloN1 = "c8c05b52eb836fae834e16b280156e43b6539f6869";
    public const string WorldN0 = "ef940bdf5a86302dad53e2e4243977a108057c9693";

    public static IdentityKey InitiatorIdentity => IdentityKey.FromSeed(Convert.FromHexString(InitiatorSeed));

    public static IdentityKey ResponderIdentity => IdentityKey.FromSeed(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static NoiseKeyPair InitiatorStatic => Repeated(0x01);

    public static NoiseKeyPair InitiatorEphemeral => Repeated(0x02);

    public static NoiseKeyPair ResponderStatic => Repeated(0x03);

    public static NoiseKeyPair ResponderEphemeral => Repeated(0x04);

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static NoiseKeyPair Repeated(byte value) => new(Enumerable.Repeat(value, 32).ToArray());
}
