namespace Mesh.Core.Journal.Audit;

/// <summary>The journal fetch protocol's libp2p identity (docs/protocol.md, "Journal").</summary>
public static class JournalFetchProtocol
{
    /// <summary>The multistream-select protocol id.</summary>
    public const string ProtocolId = "/mesh/journal/1.0.0";
}
