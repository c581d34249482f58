using Mesh.Core.Resources;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Policy;

/// <summary>Builds the policy the options name.</summary>
public static class SurplusPolicies
{
    /// <summary>The policy of <paramref name="options"/>.<see cref="SurplusPolicyOptions.Kind"/> over <paramref name="earmark"/>.</summary>
    public static ISurplusPolicy Create(Earmark earmark, SurplusPolicyOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Kind switch
        {
            SurplusPolicyKind.Dynamic => new DynamicSurplusPolicy(earmark, options, time),
            SurplusPolicyKind.Predictive => new PredictiveSurplusPolicy(earmark, options, time, logger),
            _ => new StaticSurplusPolicy(earmark),
        };
    }
}
