namespace Mesh.Libp2p.Yamux;

/// <summary>What a stream makes of an announced Data frame before its payload is read.</summary>
internal enum YamuxDataAdmission
{
    /// <summary>The payload fits the window and is delivered to the stream's input.</summary>
    Accepted,

    /// <summary>The stream was reset or its session closed: the payload is skipped.</summary>
    Ignored,

    /// <summary>The payload exceeds the stream's receive window: a protocol error.</summary>
    WindowExceeded,

    /// <summary>The remote already sent FIN on this stream: the stream is reset, the payload skipped.</summary>
    AfterFin,
}
