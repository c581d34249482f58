using System.Buffers;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Tests.Fuzz.Targets;

/// <summary>Reads task protocol frames back to back, as a task stream does.</summary>
internal static class TaskWireFuzzTarget
{
    /// <summary>Reads every whole frame; stops at the first that is not Ok. Never expects an exception.</summary>
    public static void Run(ReadOnlySpan<byte> input)
    {
        var buffer = new ReadOnlySequence<byte>(input.ToArray());
        while (true)
        {
            var before = buffer.Length;
            var status = TaskWireCodec.TryRead(ref buffer, null, out var message, out var error);
            if (status != TaskWireStatus.Ok)
            {
                if (status == TaskWireStatus.Invalid && error is null)
                {
                    throw new FuzzInvariantException("Invalid came without a reason");
                }

                return;
            }

            if (message is null || buffer.Length >= before)
            {
                throw new FuzzInvariantException("Ok came without a message or without consuming input");
            }
        }
    }
}
