namespace Mesh.Core.Remote.Guests;

/// <summary>When to try an origin again, and how long the wait after the next failure is.</summary>
/// <param name="Due">The earliest next try.</param>
/// <param name="Backoff">The wait after the next failed try.</param>
internal sealed record RedeliveryState(DateTimeOffset Due, TimeSpan Backoff);
