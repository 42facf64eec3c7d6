Console.WriteLine("RhvDr lab");
