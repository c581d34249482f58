namespace Mesh.Core.Control;

/// <summary>Why a journal request was refused: what the control API answers with (docs/control-api.md, "Journal").</summary>
public enum JournalRequestError
{
    /// <summary>A bad query value (HTTP 400).</summary>
    BadRequest = 0,

    /// <summary>No peer in the table has that id or name, or several share the name (HTTP 404).</summary>
    UnknownPeer = 1,

    /// <summary>The peer could not be reached or its answer broke the journal protocol (HTTP 502).</summary>
    Unreachable = 2,

    /// <summary>This node keeps no journal (HTTP 503).</summary>
    NoJournal = 3,

    /// <summary>Another peer's journal is longer than one request may fetch and check (HTTP 413).</summary>
    TooLarge = 4,
}
