using System.Net;

namespace Mesh.Tests.Lab;

/// <summary>One host of a <see cref="NetworkLab"/>: a namespace with <c>eth0</c> on the lab bridge.</summary>
internal sealed record LabHost(string Namespace, IPAddress Address, string BridgePort);
