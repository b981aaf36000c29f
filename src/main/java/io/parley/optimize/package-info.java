/** Deal optimisation: decisions over levers, an exact linear model of the engine, LP/MIP solves (OR-Tools lives here). */
package io.parley.optimize;
